import { ErrorCode } from '@chatroom/shared';
import { inLanguage } from '../../test/support/fake-i18n';
import { de } from '../locales/de';
import { errorText, resetCodeFailureText, uploadFailureText } from './error-text';
import { RequestError } from './request-error';

describe('errorText', () => {
  it('words an error by its code, not by what the server said', () => {
    expect(errorText({ code: ErrorCode.InvalidCredentials, message: 'Unauthorized' })).toBe('Wrong username or password.');
    expect(errorText({ code: ErrorCode.Unavailable, message: 'fetch failed' })).toMatch(/Cannot reach the server/);
  });

  it('says why a message cannot be changed any more', () => {
    expect(errorText({ code: ErrorCode.EditWindowExpired, message: 'Forbidden' })).toBe('It is too late to edit that message.');
    expect(errorText({ code: ErrorCode.MessageDeleted, message: 'Gone' })).toBe('That message was deleted.');
  });

  it("shows the server's words where they name the field or the people at fault", () => {
    expect(errorText({ code: ErrorCode.ValidationFailed, message: 'username must be 3-32 characters.' })).toBe(
      'username must be 3-32 characters.',
    );
    expect(errorText({ code: ErrorCode.UnknownUsers, message: 'No such user: zed.' })).toBe('No such user: zed.');
  });

  it('says a failed reset-code sign-in is about the code, and words other failures as usual', () => {
    expect(resetCodeFailureText(new RequestError({ code: ErrorCode.InvalidCredentials, message: 'Unauthorized' }))).toMatch(/reset code/);
    expect(resetCodeFailureText(new RequestError({ code: ErrorCode.RateLimited, message: 'slow down' }))).toMatch(/Too many tries/);
  });

  it('says why a file was refused with 413: over the server limit, or over the user quota', () => {
    const tooLarge = new RequestError({ code: ErrorCode.PayloadTooLarge, message: 'The file is larger than this server takes (1000 bytes).' });
    const file = { name: 'big.zip', size: 5 * 1024 * 1024 };
    expect(uploadFailureText(tooLarge, file, 1024 * 1024)).toBe('“big.zip” is too large (5 MB): this server takes files up to 1 MB.');
    expect(uploadFailureText(tooLarge, file, 10 * 1024 * 1024)).toMatch(/does not fit in your space for files on this server/);
    expect(uploadFailureText(tooLarge, file)).toMatch(/too large for this server, or your space for files there is full/);
  });

  it('names the file and words any other refusal by its code', () => {
    const limited = new RequestError({ code: ErrorCode.RateLimited, message: 'Too Many Requests' });
    expect(uploadFailureText(limited, { name: 'a.png', size: 1 })).toBe('“a.png” was not attached. Too many tries in a short time. Wait a minute, then try again.');
  });
});

describe('in German', () => {
  const german = <T>(work: () => T) => inLanguage('de', de, work);

  it('words every code the server can answer, in English and in German', () => {
    for (const code of Object.values(ErrorCode)) {
      const english = errorText({ code, message: 'The server said so.' });
      const inGerman = german(() => errorText({ code, message: 'The server said so.' }));
      expect({ code, english }).toEqual({ code, english: expect.stringMatching(/^[A-Z].+[.!]$/) as string });
      expect({ code, inGerman }).toEqual({ code, inGerman: expect.stringMatching(/^[A-ZÄÖÜ].+[.!]$/) as string });
      expect({ code, same: inGerman === english }).toEqual({ code, same: false });
    }
  });

  it('words an error by its code, in German', () => {
    expect(german(() => errorText({ code: ErrorCode.InvalidCredentials, message: 'Unauthorized' }))).toBe('Falscher Benutzername oder falsches Passwort.');
    expect(german(() => errorText({ code: ErrorCode.WrongPassword, message: 'That password is wrong.' }))).toBe('Dieses Passwort ist falsch.');
    expect(german(() => errorText({ code: ErrorCode.InviteInvalid, message: 'This invite code is unknown, expired or used up.' }))).toMatch(/^Dieser Einladungscode/);
  });

  it('says what went wrong and quotes the server where its words name the field or the people at fault', () => {
    expect(german(() => errorText({ code: ErrorCode.UnknownUsers, message: 'No such user: zed.' }))).toBe(
      'Niemand dieses Namens nutzt diesen Server: No such user: zed.',
    );
    expect(german(() => errorText({ code: ErrorCode.ValidationFailed, message: 'username must be 3-32 characters.' }))).toBe(
      'Der Server hat die Eingabe nicht angenommen: username must be 3-32 characters.',
    );
  });

  it('words the extension’s own refusals of a file in German, sizes written the German way', () => {
    const tooLarge = new RequestError({ code: ErrorCode.PayloadTooLarge, message: 'Too large.' });
    expect(german(() => uploadFailureText(tooLarge, { name: 'big.zip', size: 1.5 * 1024 * 1024 }, 1024 * 1024))).toBe(
      '„big.zip“ ist zu groß (1,5 MB): Dieser Server nimmt Dateien bis 1 MB an.',
    );
    const limited = new RequestError({ code: ErrorCode.RateLimited, message: 'Too Many Requests' });
    expect(german(() => uploadFailureText(limited, { name: 'a.png', size: 1 }))).toBe(
      '„a.png“ wurde nicht angehängt. Zu viele Versuche in kurzer Zeit. Warten Sie eine Minute und versuchen Sie es dann noch einmal.',
    );
    expect(german(() => resetCodeFailureText(new RequestError({ code: ErrorCode.InvalidCredentials, message: 'Unauthorized' })))).toMatch(/Rücksetzcode/);
  });
});
