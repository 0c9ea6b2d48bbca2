import { COMMON_EMOJI, pickerChoices, withRecent } from './recent-emoji';

jest.mock('../platform/page-api', () => ({ localStore: {} }));

describe('recent emoji', () => {
  it('moves the emoji used to the front and keeps a few', () => {
    expect(withRecent(['👍', '🎉'], '🎉')).toEqual(['🎉', '👍']);
    expect(withRecent(['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣'], '🦄')).toEqual(['🦄', '1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣']);
  });

  it('offers recent ones first, then the common ones, each once', () => {
    expect(pickerChoices(['🦄', '👍'])).toEqual(['🦄', '👍', ...COMMON_EMOJI.filter((e) => e !== '👍')]);
  });
});
