import { ErrorCode } from '@chatroom/shared';
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
