import { ErrorCode } from '@chatroom/shared';
import { errorText, resetCodeFailureText } from './error-text';
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
});
