import { LIMITS, SearchConversation, SearchQuery, SearchResponse, searchQueryProblem, SearchResult } from '@chatroom/shared';
import { IsString, Length, ValidateBy } from 'class-validator';
import { IsMessageId, IsPageLimit, IsNameOrRoomId, IsStorableText, Optional, QueryWholeNumber } from '../../common/validators';
import { CurrentMessageDto } from '../../messages/dto/send-message.dto';

export class SearchQueryDto implements SearchQuery {
  /**
   * Words to find, all of them: `word` matches the whole word, `pre*` words starting so (2 letters or
   * digits at least), `"two words"` the phrase; at most 8 terms. Case and accents do not matter.
   */
  @IsString()
  @Length(1, LIMITS.searchQueryMax)
  @IsStorableText()
  @ValidateBy({
    name: 'isSearchQuery',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || searchQueryProblem(value) === undefined,
      defaultMessage: (args) => `q ${searchQueryProblem(String(args?.value)) ?? 'is not a search query.'}`,
    },
  })
  q: string;

  /** Only in this conversation: a username (your DM with them), a room id, or `*` (announcements). */
  @Optional()
  @IsNameOrRoomId()
  with?: string;

  /** Only messages by this user. */
  @Optional()
  @IsNameOrRoomId()
  from?: string;

  /** Only messages older than this id: the `next_before` of the page before. */
  @Optional()
  @QueryWholeNumber()
  @IsMessageId('before', 1)
  before?: number;

  @Optional()
  @IsPageLimit(LIMITS.searchPageMax)
  limit?: number;
}

export class SearchConversationDto implements SearchConversation {
  /** The other user's name for a DM, the room id for a room, `*` for announcements. */
  id: string;
  type: 'dm' | 'room' | 'announcement';
  name: string;
}

export class SearchResultDto implements SearchResult {
  /** In its current state; in a room you have left, as it was when you left. */
  message: CurrentMessageDto;
  conversation: SearchConversationDto;
}

export class SearchResponseDto implements SearchResponse {
  /** Newest first. */
  results: SearchResultDto[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  next_before: number | null;
}
