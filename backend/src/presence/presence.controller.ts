import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import { CurrentUser } from '../common/current-user.decorator';
import { OnlineResponseDto, PresenceRequestDto } from './dto/presence.dto';
import { PresenceService } from './presence.service';

@ApiTags('presence')
@ApiBearerAuth()
@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  /** Users with an open long-poll or a request in the last 60 s, sorted, and whether each is active or away. */
  @Get(ROUTES.online)
  online(): Promise<OnlineResponseDto> {
    return this.presence.online();
  }

  /** Says whether you are at your browser (`active`) or not (`away`); every instance sees it at once. */
  @Post(ROUTES.presence)
  @HttpCode(200)
  async setState(@CurrentUser() username: string, @Body() body: PresenceRequestDto): Promise<PresenceRequestDto> {
    await this.presence.setState(username, body.state);
    return { state: body.state };
  }
}
