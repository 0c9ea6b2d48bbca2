import { ChatMessage, CurrentMessage, LIMITS, MessageKind, Reaction, ReplyPreview, SendRequest } from '@chatroom/shared';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IsMessageId, IsMessageText, IsNameOrRoomId, IsStorableText, Optional } from '../../common/validators';
import { AttachmentDto } from '../../uploads/dto/upload.dto';
import { UPLOAD_ID } from '../../uploads/upload-id';

/** A message carrying files may have no text. */
const carriesFiles = (request: SendMessageDto): boolean => Array.isArray(request.attachments) && request.attachments.length > 0;

export class SendMessageDto implements SendRequest {
  /** A username (direct message) or the id of a room you belong to. */
  @IsNameOrRoomId()
  recipient: string;

  /** 1–4000 characters, not only whitespace; stored exactly as sent. May be "" when the message carries attachments. */
  @ValidateIf((request: SendMessageDto) => !(carriesFiles(request) && request.message === ''))
  @IsMessageText()
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

  /** The id of the message this one answers: in the same conversation, visible to you, not deleted. */
  @Optional()
  @IsMessageId('reply_to', 1)
  reply_to?: number;

  /** upload_ids from POST /uploads: your own, each sent once, at most 10. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(LIMITS.attachmentsMax, { message: `attachments must list at most ${LIMITS.attachmentsMax} uploads.` })
  @ArrayUnique({ message: 'attachments must not list an upload twice.' })
  @IsString({ each: true })
  @Matches(UPLOAD_ID, { each: true, message: 'attachments must list upload_ids as POST /uploads gives them.' })
  attachments?: string[];
}

export class ReplyPreviewDto implements ReplyPreview {
  id: number;
  sender: string;
  /** The original's first 140 characters as it is now; empty once it is deleted. */
  excerpt: string;
  deleted: boolean;
}

export class ReactionDto implements Reaction {
  emoji: string;
  /** In the order they reacted. */
  users: string[];
}

/** A timeline entry as /send and /messages return it. */
export class MessageResponseDto implements ChatMessage {
  id: number;
  /** message, event, announcement, edit, delete or reaction. */
  kind: MessageKind;
  /** Who wrote it, or made the edit, delete or reaction. */
  sender: string;
  recipient: string;
  /** The text; of an edit its new text, of a delete empty, of a reaction the emoji. */
  message: string;
  timestamp: string;
  client_id?: string | null;
  /** edit, delete, reaction: the id of the message changed. */
  relates_to?: number;
  /** reaction: the emoji was taken back. */
  removed?: boolean;
  /** message: the message it answers. */
  reply_to?: ReplyPreviewDto | null;
  /** message, edit: the users the text mentions. */
  mentions?: string[];
  /** edit: the users mentioned for the first time (only they are notified). */
  new_mentions?: string[];
  /** message: the files it carries ([] for none, and once deleted). */
  attachments?: AttachmentDto[];
}

/** A message, event or announcement in its current state: edits, deletes and reactions folded in. */
export class CurrentMessageDto implements CurrentMessage {
  id: number;
  /** message, event or announcement. */
  kind: MessageKind;
  sender: string;
  recipient: string;
  /** The current text; empty once deleted. */
  message: string;
  timestamp: string;
  client_id?: string | null;
  /** When it was last edited; null if never. */
  edited_at: string | null;
  /** Deleted: the text is empty and the reactions are gone. */
  deleted: boolean;
  /** Each emoji in the order it was first used, with who reacted. */
  reactions: ReactionDto[];
  /** The message it answers, as that message is now. */
  reply_to: ReplyPreviewDto | null;
  /** The users the current text mentions, and the author of the message it answers. */
  mentions: string[];
  /** The files it carries ([] for none, and once deleted). */
  attachments?: AttachmentDto[];
}
