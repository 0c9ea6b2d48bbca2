import type { Request } from 'express';

export interface AuthenticatedUser {
  username: string;
  tokenHash: string;
}

export interface AuthenticatedRequest extends Request {
  user: AuthenticatedUser;
}
