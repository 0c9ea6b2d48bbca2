import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'chatroom:isPublic';

/** Opens a route to callers without a token (register, login, announcement, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
