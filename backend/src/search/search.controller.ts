import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LIMITS, ROUTES } from '@chatroom/shared';
import { CurrentUser } from '../common/current-user.decorator';
import { SearchQueryDto, SearchResponseDto } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller()
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /**
   * Full-text search over every message you may read through /history: your DMs, your rooms for the
   * stretches you were a member (rooms you left included) and announcements. Deleted messages never
   * match; an edited one matches its current text. Newest first, a page at a time.
   */
  @Get(ROUTES.search)
  find(@CurrentUser() username: string, @Query() query: SearchQueryDto): Promise<SearchResponseDto> {
    return this.search.find(username, {
      q: query.q,
      with: query.with,
      from: query.from,
      before: query.before,
      limit: query.limit ?? LIMITS.searchPageDefault,
    });
  }
}
