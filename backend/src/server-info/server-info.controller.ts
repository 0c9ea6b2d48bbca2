import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ROUTES, ServerInfo } from '@chatroom/shared';
import { Public } from '../common/public.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { readServerVersion } from './server-version';

export class ServerInfoDto implements ServerInfo {
  /** `open`, `invite` (POST /register needs `invite`) or `closed`. */
  registration: ServerInfo['registration'];
  version: string;
  /** MAX_UPLOAD_BYTES: the largest file POST /uploads takes. */
  max_upload_bytes: number;
}

@ApiTags('health')
@Controller()
export class ServerInfoController {
  private readonly info: ServerInfoDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.info = { registration: config.registration, version: readServerVersion(), max_upload_bytes: config.uploads.maxBytes };
  }

  /** What a client shows before anyone signs in: whether the register form needs an invite code. */
  @Public()
  @Get(ROUTES.serverInfo)
  get(): ServerInfoDto {
    return this.info;
  }
}
