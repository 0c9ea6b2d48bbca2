import { OnlineResponse, PRESENCE_STATES, PresenceRequest, PresenceState } from '@chatroom/shared';
import { IsIn } from 'class-validator';

export class PresenceRequestDto implements PresenceRequest {
  /** `away` when the browser has had no input for a while or the screen is locked; `active` again on input. */
  @IsIn(PRESENCE_STATES, { message: `state must be one of: ${PRESENCE_STATES.join(', ')}.` })
  state: PresenceState;
}

export class OnlineResponseDto implements OnlineResponse {
  /** Users with an open long-poll or a request in the last 60 s, sorted. */
  users: string[];
  /** Each online user's state: `active` unless their browser said `away`. */
  presence: Record<string, PresenceState>;
}
