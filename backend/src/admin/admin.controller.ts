import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ServerAdminOnly } from '../common/server-admin.guard';
import { AdminService } from './admin.service';
import { SuspensionResponseDto, UsernameParam } from './dto/admin.dto';

@ApiTags('admin')
@ApiBearerAuth()
@ServerAdminOnly()
@Controller()
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  /** Server admins only (ADMIN_USERS): the user cannot sign in, and their sessions end at once on every instance. */
  @Post('/admin/users/:name/suspend')
  @HttpCode(200)
  async suspend(@Param() params: UsernameParam): Promise<SuspensionResponseDto> {
    const { username, suspended } = await this.admin.suspend(params.name);
    return { username, suspended };
  }

  /** Server admins only: the user can sign in again. */
  @Post('/admin/users/:name/unsuspend')
  @HttpCode(200)
  async unsuspend(@Param() params: UsernameParam): Promise<SuspensionResponseDto> {
    const { username, suspended } = await this.admin.unsuspend(params.name);
    return { username, suspended };
  }
}
