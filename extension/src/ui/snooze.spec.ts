import type { Conversation } from '@chatroom/shared';
import { inLanguage } from '../../test/support/fake-i18n';
import { de } from '../locales/de';
import { describeUntil, muteUntil, snoozeUntil, UNTIL_UNMUTED, unreadStyle } from './snooze';

const now = new Date(2026, 11, 7, 14, 30);

const conversation = (over: Partial<Conversation>): Conversation => ({
  id: 'room_1',
  type: 'room',
  name: 'Weekend',
  last_message: null,
  unread: 3,
  mentions: 0,
  last_read_id: 0,
  notify: 'all',
  muted_until: null,
  ...over,
});

describe('snoozeUntil', () => {
  it('ends an hour from now, or tomorrow morning at eight', () => {
    expect(snoozeUntil('hour', now)).toBe(new Date(2026, 11, 7, 15, 30).toISOString());
    expect(snoozeUntil('tomorrow', now)).toBe(new Date(2026, 11, 8, 8, 0).toISOString());
  });
});

describe('muteUntil', () => {
  it('mutes for an hour, eight hours, or until unmuted', () => {
    expect(muteUntil('hour', now)).toBe(new Date(2026, 11, 7, 15, 30).toISOString());
    expect(muteUntil('eight-hours', now)).toBe(new Date(2026, 11, 7, 22, 30).toISOString());
    expect(muteUntil('unmuted', now)).toBe(UNTIL_UNMUTED);
  });
});

describe('describeUntil', () => {
  it('says the time today, tomorrow with its time, a date later, and "until you unmute"', () => {
    expect(describeUntil(new Date(2026, 11, 7, 15, 30).toISOString(), now)).toMatch(/^until \d\d:30/);
    expect(describeUntil(new Date(2026, 11, 8, 8, 0).toISOString(), now)).toMatch(/^until tomorrow \d\d:00/);
    expect(describeUntil(new Date(2026, 11, 24, 18, 0).toISOString(), now)).toMatch(/^until Dec 24, /);
    expect(describeUntil(UNTIL_UNMUTED, now)).toBe('until you unmute');
  });

  it('says it in the browser’s language, with its way of writing dates and times', () => {
    const german = (until: Date | string) => inLanguage('de', de, () => describeUntil(typeof until === 'string' ? until : until.toISOString(), now));
    expect(german(new Date(2026, 11, 7, 15, 30))).toBe('bis 15:30');
    expect(german(new Date(2026, 11, 8, 8, 0))).toBe('bis morgen 08:00');
    expect(german(new Date(2026, 11, 24, 18, 0))).toBe('bis 24. Dez., 18:00');
    expect(german(UNTIL_UNMUTED)).toBe('bis Sie die Stummschaltung aufheben');
  });
});

describe('unreadStyle', () => {
  const at = now.getTime();
  it('is loud under `all` and for a mention under `mentions`', () => {
    expect(unreadStyle(conversation({}), at)).toBe('loud');
    expect(unreadStyle(conversation({ notify: 'mentions', mentions: 1 }), at)).toBe('loud');
  });

  it('is quiet for plain messages under `mentions`, silent under `none` and while muted', () => {
    expect(unreadStyle(conversation({ notify: 'mentions' }), at)).toBe('quiet');
    expect(unreadStyle(conversation({ notify: 'none', mentions: 2 }), at)).toBe('silent');
    expect(unreadStyle(conversation({ muted_until: UNTIL_UNMUTED, mentions: 1 }), at)).toBe('silent');
    expect(unreadStyle(conversation({ muted_until: new Date(2026, 11, 7, 14, 0).toISOString() }), at)).toBe('loud');
  });
});
