import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The server's package version: backend/package.json, two levels above this file in src/ and in dist/ alike. */
export function readServerVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
