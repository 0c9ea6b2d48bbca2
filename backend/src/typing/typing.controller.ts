import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import { CurrentUser } from '../common/current-user.decorator';
import { TypingDto } from './dto/typing.dto';
import { TypingService } from './typing.service';

@ApiTags('typing')
@ApiBearerAuth()
@Controller()
export class TypingController {
  constructor(private readonly typing: TypingService) {}

  /**
   * Says that you are typing in a conversation (a state lasts 6 s unless renewed), or stopped. The
   * other participants get the full list of who types there on their long-poll, as `ephemeral`.
   */
  @Post(ROUTES.typing)
  @HttpCode(200)
  async set(@CurrentUser() username: string, @Body() body: TypingDto): Promise<{ ok: true }> {
    await this.typing.set(username, body.conversation, body.typing);
    return { ok: true };
  }
}
