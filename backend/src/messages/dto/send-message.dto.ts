import { ChatMessage, LIMITS, MessageKind, SendRequest } from '@chatroom/shared';
import { IsNotEmpty, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsStorableText, Optional } from '../../common/validators';

export class SendMessageDto implements SendRequest {
  /** A username (direct message) or the id of a room you belong to. */
  @IsString()
  @Length(1, 40)
  @IsStorableText()
  recipient: string;

  /** 1–4000 characters, not only whitespace; stored exactly as sent. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.messageMax)
  @Matches(/\S/, { message: 'message must not be only whitespace.' })
  @IsStorableText()
  message: string;

  /** An id the client made up; sending again with the same one returns the first message. */
  @Optional()
  @IsString()
  @Length(1, LIMITS.clientIdMax)
  @IsStorableText()
  client_id?: string;

  /** Accepted from old clients; must be the signed-in user. */
  @Optional()
  @IsString()
  @IsStorableText()
  sender?: string;
}

export class MessageResponseDto implements ChatMessage {
  id: number;
  kind: MessageKind;
  sender: string;
  recipient: string;
  message: string;
  timestamp: string;
  client_id?: string | null;
}
