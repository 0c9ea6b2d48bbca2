import { ErrorCode } from '@chatroom/shared';
import { ApiException } from './api-exception';

/**
 * The old API named the acting user in the body (`sender`, `username`, `admin`). Old clients may
 * still send it; it must then be the caller, compared ignoring case like usernames are.
 */
export function assertActingUser(claimed: string | undefined, caller: string, field: string): void {
  if (claimed !== undefined && claimed.toLowerCase() !== caller.toLowerCase()) {
    throw new ApiException(ErrorCode.Forbidden, `${field} must be the signed-in user (${caller}).`, field);
  }
}
