import { randomBytes } from 'node:crypto';

/** 128 random bits, base64url: what upload ids look like; nothing else is looked up or stored under. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/;

export function newUploadId(): string {
  return randomBytes(16).toString('base64url');
}
