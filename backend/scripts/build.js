#!/usr/bin/env node
/**
 * Builds the server into backend/dist (`nest build`, which empties it first) and leaves a stamp there
 * with the time the build began. With --if-changed (`npm start`), builds only when one of the
 * build's inputs is newer than the stamp: a full build takes tens of seconds, and on most starts
 * nothing changed. No dist, no stamp: a build. An edit made while a build ran is newer than its stamp.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const STAMP = path.join(ROOT, 'backend/dist/.build-stamp');
/** What the build reads: the server's sources, the contract as built, the compiler's settings, the dependencies. */
const INPUTS = ['backend/src', 'backend/tsconfig.json', 'backend/tsconfig.build.json', 'shared/dist/cjs', 'nest-cli.json', 'tsconfig.base.json', 'package-lock.json'];

function newestChange(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestChange(path.join(file, name))), stat.mtimeMs);
}

if (process.argv.includes('--if-changed')) {
  const builtAt = existsSync(STAMP) ? statSync(STAMP).mtimeMs : -1;
  if (!INPUTS.some((input) => newestChange(path.join(ROOT, input)) > builtAt)) {
    console.log('backend/dist is up to date with backend/src and shared/ (npm run build rebuilds everything)');
    process.exit(0);
  }
}
const began = new Date();
const build = spawnSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
writeFileSync(STAMP, '');
utimesSync(STAMP, began, began);
