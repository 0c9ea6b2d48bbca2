import { EditRequest, isReactionEmoji, LIMITS, Revision, RevisionsResponse, WriteRequest } from '@chatroom/shared';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min, ValidateBy } from 'class-validator';
import { IsMessageText, IsStorableText, Optional } from '../../common/validators';

export class WriteDto implements WriteRequest {
  /** An id the client made up; a retry with the same one changes nothing a second time. */
  @Optional()
  @IsString()
  @Length(1, LIMITS.clientIdMax)
  @IsStorableText()
  client_id?: string;
}

export class EditMessageDto extends WriteDto implements EditRequest {
  /** The new text: 1–4000 characters, not only whitespace, as for /send. */
  @IsMessageText()
  message: string;
}

const ID_MESSAGE = `id must be a whole number from 1 to ${LIMITS.idMax}.`;

/** A message id in a path. */
export class MessageIdParam {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : value))
  @IsInt({ message: ID_MESSAGE })
  @Min(1, { message: ID_MESSAGE })
  @Max(LIMITS.idMax, { message: ID_MESSAGE })
  id: number;
}

export class ReactionParams extends MessageIdParam {
  /** One emoji (one grapheme: 👍, 👍🏽, 🇫🇷, 1️⃣, a ZWJ sequence), URL-encoded. */
  @IsString()
  @ValidateBy({
    name: 'isReactionEmoji',
    validator: { validate: (value: unknown) => typeof value === 'string' && isReactionEmoji(value), defaultMessage: () => 'emoji must be one emoji.' },
  })
  emoji: string;
}

export class RevisionDto implements Revision {
  message: string;
  /** When this text was written by an edit; null for the original text. */
  edited_at: string | null;
}

export class RevisionsResponseDto implements RevisionsResponse {
  /** Every text the message has had, oldest first; the last is the current one. */
  revisions: RevisionDto[];
}

export class OkResponseDto {
  ok: true;
}
