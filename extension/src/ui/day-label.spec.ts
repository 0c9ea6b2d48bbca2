import { clockTime, dayLabel, fullTime, untilNextDay } from './day-label';

const now = new Date(2026, 11, 7, 0, 30);
const on = (year: number, month: number, day: number, hours = 12) => new Date(year, month, day, hours).toISOString();

describe('dayLabel', () => {
  it('says Today and Yesterday by the calendar, however few hours back', () => {
    expect(dayLabel(on(2026, 11, 7, 0), now)).toBe('Today');
    expect(dayLabel(on(2026, 11, 6, 23), now)).toBe('Yesterday');
    expect(dayLabel(on(2026, 11, 6, 0), now)).toBe('Yesterday');
  });

  it('knows yesterday across the turn of a month and a year', () => {
    expect(dayLabel(on(2026, 10, 30), new Date(2026, 11, 1, 8))).toBe('Yesterday');
    expect(dayLabel(on(2025, 11, 31), new Date(2026, 0, 1, 8))).toBe('Yesterday');
  });

  it('names an older day by its date in the language given, with the year only when it is not this one', () => {
    expect(dayLabel(on(2026, 11, 5), now, 'en-US')).toBe('Saturday, December 5');
    expect(dayLabel(on(2026, 11, 5), now, 'de-DE')).toBe('Samstag, 5. Dezember');
    expect(dayLabel(on(2025, 11, 5), now, 'en-US')).toBe('Friday, December 5, 2025');
  });
});

describe('untilNextDay', () => {
  it('counts to the next local midnight, after which Today is Yesterday', () => {
    expect(untilNextDay(now)).toBe(23.5 * 3_600_000);
    const later = new Date(now.getTime() + untilNextDay(now));
    expect(dayLabel(on(2026, 11, 7), later)).toBe('Yesterday');
    expect(untilNextDay(new Date(2026, 11, 31, 23, 59, 59))).toBe(1000);
  });
});

describe('fullTime', () => {
  it('gives the date and the time', () => {
    const text = fullTime(new Date(2026, 11, 5, 14, 7).toISOString(), 'en-US');
    expect(text).toContain('December 5, 2026');
    expect(text).toContain('2:07');
  });
});

describe('clockTime', () => {
  it('gives hours and minutes as the language writes them', () => {
    const timestamp = new Date(2026, 11, 5, 14, 7).toISOString();
    expect(clockTime(timestamp, 'de-DE')).toBe('14:07');
    expect(clockTime(timestamp, 'en-US')).toBe('02:07 PM');
  });
});
