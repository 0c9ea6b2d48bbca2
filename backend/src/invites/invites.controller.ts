import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ErrorCode, ROUTES } from '@chatroom/shared';
import { ApiException } from '../common/api-exception';
import { CurrentUser } from '../common/current-user.decorator';
import { ServerAdminOnly } from '../common/server-admin.guard';
import { CreatedInviteDto, InviteCreateDto, InviteIdParam, InvitesResponseDto } from './dto/invite.dto';
import { InvitesService } from './invites.service';

/** Invite ids count in a 32-bit column: a larger number names no invite. */
const INVITE_ID_MAX = 2_147_483_647;

@ApiTags('invites')
@ApiBearerAuth()
@ServerAdminOnly()
@Controller()
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  /** Server admins only (ADMIN_USERS): a new invite code, shown this once. */
  @Post(ROUTES.invites)
  create(@CurrentUser() username: string, @Body() body: InviteCreateDto): Promise<CreatedInviteDto> {
    return this.invites.create(username, { uses: body.uses, expiresInHours: body.expires_in_hours, note: body.note });
  }

  /** Server admins only: every invite, newest first, without its code. */
  @Get(ROUTES.invites)
  async list(): Promise<InvitesResponseDto> {
    return { invites: await this.invites.list() };
  }

  /** Server admins only: the code stops working at once. */
  @Delete('/invites/:id')
  async remove(@Param() params: InviteIdParam): Promise<{ ok: true }> {
    const id = Number(params.id);
    if (id > INVITE_ID_MAX) throw new ApiException(ErrorCode.NotFound, `No invite with id ${params.id}.`, 'id');
    await this.invites.remove(id);
    return { ok: true };
  }
}
