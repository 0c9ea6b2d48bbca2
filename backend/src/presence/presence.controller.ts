import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import type { AuthenticatedRequest } from '../common/authenticated-request';
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

  /**
   * Says whether you are at this browser (`active`) or not (`away`); every instance sees it at once.
   * You show away while every browser of yours that said so in the last 10 minutes says away.
   */
  @Post(ROUTES.presence)
  @HttpCode(200)
  async setState(@Req() request: AuthenticatedRequest, @Body() body: PresenceRequestDto): Promise<PresenceRequestDto> {
    await this.presence.setState(request.user, body.state);
    return { state: body.state };
  }
}
