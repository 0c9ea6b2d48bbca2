import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OnlineResponse, ROUTES } from '@chatroom/shared';
import { PresenceService } from './presence.service';

@ApiTags('presence')
@ApiBearerAuth()
@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  /** Users with an open long-poll or a request in the last 60 s, sorted. */
  @Get(ROUTES.online)
  async online(): Promise<OnlineResponse> {
    return { users: await this.presence.online() };
  }
}
