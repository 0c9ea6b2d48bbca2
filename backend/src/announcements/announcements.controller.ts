import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import { CurrentUser } from '../common/current-user.decorator';
import { Public } from '../common/public.decorator';
import { AnnouncementsService } from './announcements.service';
import { AnnouncementPostDto, AnnouncementResponseDto } from './dto/announcement.dto';

@ApiTags('announcements')
@Controller()
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  /** The server announcement, from the announcement file. */
  @Public()
  @Get(ROUTES.announcement)
  get(): AnnouncementResponseDto {
    return this.announcements.get();
  }

  /** Server admins only (ADMIN_USERS): replaces the announcement and delivers it to everyone. */
  @ApiBearerAuth()
  @Post(ROUTES.announcement)
  post(@CurrentUser() username: string, @Body() body: AnnouncementPostDto): Promise<AnnouncementResponseDto> {
    return this.announcements.post(username, body.text);
  }
}
