import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LIMITS } from '@chatroom/shared';
import { validate } from 'class-validator';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AnnouncementPostDto } from '../announcements/dto/announcement.dto';
import { NewUsernameDto } from '../auth/dto/credentials.dto';
import { ApiException } from '../common/api-exception';
import { InvalidConfigError, loadConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { SqliteRelayPublisher } from '../events/sqlite-relay';
import { InviteCreateDto } from '../invites/dto/invite.dto';
import { AdminCliModule } from './admin-cli.module';
import { AdminService } from './admin.service';

const USAGE = `Usage: npm run admin -- <command>

  create-user NAME               create an account (password read from stdin, or made up and printed)
  reset-password NAME            print a one-time code to sign in with and set a new password (24 h)
  suspend NAME                   the user cannot sign in; their sessions end at once
  unsuspend NAME                 the user can sign in again
  delete-user NAME [--erase]     delete the account (its name stays taken); --erase also erases
                                 the text of its messages
  list-users                     every account, with its status
  invite [--uses N] [--hours H] [--note TEXT]
                                 print a new invite code (default: 1 use, 168 hours)
  announce TEXT                  replace the server announcement (running servers deliver it)
  backup FILE                    write a consistent copy of the SQLite database to FILE (a new
                                 file), while the server keeps running; on PostgreSQL use pg_dump

It uses the server's settings (DATABASE_URL, ANNOUNCEMENT_FILE, ADMIN_USERS...): run it from the
same directory with the same environment as the server.`;

/** A mistake in how the command was called: said in words, with no stack trace. */
class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  names: string[];
  erase: boolean;
  uses?: string;
  hours?: string;
  note?: string;
  help: boolean;
}

function parse(argv: string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        erase: { type: 'boolean', default: false },
        uses: { type: 'string' },
        hours: { type: 'string' },
        note: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...names] = positionals;
    return { command, names, erase: values.erase, uses: values.uses, hours: values.hours, note: values.note, help: values.help };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The one positional argument a command takes (a name, a text). */
function single(parsed: Parsed, what: string): string {
  if (parsed.names.length !== 1 || parsed.names[0] === undefined) {
    throw new UsageError(`${parsed.command ?? ''} takes exactly one ${what}${parsed.names.length > 1 ? ' (quote a text with spaces)' : ''}.`);
  }
  return parsed.names[0];
}

function noArguments(parsed: Parsed): void {
  if (parsed.names.length > 0) throw new UsageError(`${parsed.command ?? ''} takes no ${parsed.names.length === 1 ? 'argument' : 'arguments'}: ${parsed.names.join(' ')}`);
}

/** Checks values against a DTO's rules, as the API would: a UsageError with the first problem. */
async function check<T extends object>(dto: T): Promise<T> {
  const [error] = await validate(dto, { forbidUnknownValues: true });
  const problem = error && Object.values(error.constraints ?? {})[0];
  if (problem !== undefined) throw new UsageError(problem);
  return dto;
}

function wholeNumber(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`--${option} must be a whole number, not ${JSON.stringify(raw)}.`);
  return Number(raw);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Runs one command; what it did goes to stdout, and the exit code is returned. */
async function run(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if (parsed.help || parsed.command === undefined || parsed.command === 'help') {
    console.log(USAGE);
    return parsed.command === undefined && !parsed.help ? 1 : 0;
  }
  // Everything about the arguments is checked before the database is opened.
  const prepare = await prepareCommand(parsed.command, parsed);
  // Checked before the modules start, so a bad setting is one sentence, not a stack trace.
  loadConfig();
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error', 'warn'] });
  try {
    await prepare(app.get(AdminService), app.get(EventBus));
  } finally {
    await app.close();
  }
  return 0;
}

type Command = (admin: AdminService, bus: EventBus) => Promise<void>;

async function prepareCommand(command: string, parsed: Parsed): Promise<Command> {
  switch (command) {
    case 'create-user': {
      const { username } = await check(Object.assign(new NewUsernameDto(), { username: single(parsed, 'NAME') }));
      return async (admin) => {
        const given = await readStdin();
        if (given !== '' && (given.length < LIMITS.passwordMin || given.length > LIMITS.passwordMax || given.includes('\0'))) {
          throw new UsageError(`The password from stdin must be ${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`);
        }
        const created = await admin.createUser(username, given === '' ? undefined : given);
        console.log(given === '' ? `Created ${created.username}. Password: ${created.password}` : `Created ${created.username} with the password from stdin.`);
      };
    }
    case 'reset-password': {
      const name = single(parsed, 'NAME');
      return async (admin) => {
        const reset = await admin.resetPassword(name);
        console.log(`Reset code for ${reset.username} (works once, until ${reset.expiresAt}): ${reset.code}`);
        console.log('They enter it with a new password in the login form (POST /login {"username", "reset_code", "new_password"}).');
      };
    }
    case 'suspend': {
      const name = single(parsed, 'NAME');
      return async (admin) => {
        const result = await admin.suspend(name);
        console.log(`Suspended ${result.username}: ${plural(result.sessions, 'session')} ended.`);
      };
    }
    case 'unsuspend': {
      const name = single(parsed, 'NAME');
      return async (admin) => {
        const result = await admin.unsuspend(name);
        console.log(`Unsuspended ${result.username}: they can sign in again.`);
      };
    }
    case 'delete-user': {
      const name = single(parsed, 'NAME');
      return async (admin, bus) => {
        // Leaving rooms appends messages, which on SQLite only the running server may do.
        if (bus instanceof SqliteRelayPublisher && (await bus.serverReading())) {
          throw new UsageError(
            'A ChatRoom server is running on this SQLite database. Stop it first, then delete the user (or let them delete their account in the app).',
          );
        }
        const deleted = await admin.deleteUser(name, parsed.erase);
        const erased = parsed.erase ? `; the text of ${plural(deleted.erased, 'message')} erased` : '';
        console.log(`Deleted ${deleted.username}: ${plural(deleted.sessions, 'session')} ended, left ${plural(deleted.rooms, 'room')}${erased}. The name stays taken.`);
      };
    }
    case 'list-users': {
      noArguments(parsed);
      return async (admin) => {
        const users = await admin.listUsers();
        const width = Math.max(8, ...users.map((user) => user.username.length));
        console.log(`${'USERNAME'.padEnd(width)}  CREATED                   STATUS`);
        for (const user of users) console.log(`${user.username.padEnd(width)}  ${user.createdAt}  ${user.status}${user.admin ? ' (admin)' : ''}`);
        console.log(plural(users.length, 'account'));
      };
    }
    case 'invite': {
      noArguments(parsed);
      const options = await check(
        Object.assign(new InviteCreateDto(), { uses: wholeNumber('uses', parsed.uses), expires_in_hours: wholeNumber('hours', parsed.hours), note: parsed.note?.trim() }),
      );
      return async (admin) => {
        const invite = await admin.invite({ uses: options.uses, expiresInHours: options.expires_in_hours, note: options.note });
        console.log(`Invite code (${plural(invite.uses, 'use')}, until ${invite.expires_at}): ${invite.code}`);
        console.log('Newcomers enter it in the register form (POST /register {"username", "password", "invite"}).');
      };
    }
    case 'announce': {
      const { text } = await check(Object.assign(new AnnouncementPostDto(), { text: single(parsed, 'TEXT') }));
      return async (admin) => {
        const file = await admin.announce(text);
        console.log(text.trim() === '' ? `Cleared the announcement in ${file}.` : `Wrote the announcement to ${file}; running servers deliver it to everyone within a second.`);
      };
    }
    case 'backup': {
      const file = path.resolve(single(parsed, 'FILE'));
      const { database } = loadConfig();
      if (database.driver !== 'sqlite') throw new UsageError('backup copies an SQLite database; on PostgreSQL, back up with pg_dump (see the README).');
      if (existsSync(file)) throw new UsageError(`${file} exists already: a backup goes to a new file.`);
      if (!existsSync(path.dirname(file))) throw new UsageError(`No directory ${path.dirname(file)} to write ${path.basename(file)} in.`);
      return async (admin) => {
        const began = new Date().toISOString();
        await admin.backup(file);
        console.log(`Backed up ${database.file} to ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB), with every commit made before ${began}.`);
      };
    }
    default:
      throw new UsageError(`Unknown command: ${command}. Run npm run admin -- help for the list.`);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ApiException || error instanceof InvalidConfigError;
    console.error(known ? `Error: ${error.message}` : error);
    process.exitCode = 1;
  },
);
