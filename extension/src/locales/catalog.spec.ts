import { fillValues, messagesJson, valuesIn } from './catalog';
import { de } from './de';
import { en } from './en';

describe('the UI strings', () => {
  it('has every German text use exactly the values its English text names', () => {
    for (const [key, entry] of Object.entries(en)) {
      const named = [...('values' in entry ? entry.values : [])].sort();
      expect({ key, english: valuesIn(entry.message) }).toEqual({ key, english: named });
      expect({ key, german: valuesIn(de[key as keyof typeof en]) }).toEqual({ key, german: named });
    }
  });

  it('writes messages.json with a placeholder per value, in order, so getMessage fills them', () => {
    const json = messagesJson(en, de);
    expect(json.signedInAs).toEqual({ message: 'Angemeldet als $USER$ auf $SERVER$.', placeholders: { user: { content: '$1' }, server: { content: '$2' } } });
    expect(messagesJson(en, null).extName).toMatchObject({ message: 'ChatRoom', description: expect.any(String) as string });
  });

  it('fills values itself the way getMessage does', () => {
    expect(fillValues(en.signedInAs, de.signedInAs, ['bob', 'http://localhost:5003'])).toBe('Angemeldet als bob auf http://localhost:5003.');
  });
});
