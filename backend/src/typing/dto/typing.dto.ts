import { TypingRequest } from '@chatroom/shared';
import { IsBoolean } from 'class-validator';
import { IsNameOrRoomId } from '../../common/validators';

export class TypingDto implements TypingRequest {
  /** The other user's name for a DM, the room id for a room you are in. */
  @IsNameOrRoomId()
  conversation: string;

  /** true while keys are pressed (renewed at most every 4 s; a state ends 6 s after the last); false on sending, clearing or leaving the composer. */
  @IsBoolean()
  typing: boolean;
}
