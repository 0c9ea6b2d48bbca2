import path from 'node:path';
import { InvalidConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 5003,
      host: '0.0.0.0',
      database: { driver: 'sqlite', file: path.resolve('data/chatroom.sqlite') },
      tokenTtlDays: 30,
      passwordHashCost: 32768,
      corsOrigins: [],
      logLevel: 'info',
      trustProxy: false,
      httpFastPath: true,
      messageEditWindowSeconds: null,
      registration: 'open',
    });
    expect(config.adminUsers.size).toBe(0);
  });

  it.each([
    ['sqlite:./x.sqlite', { driver: 'sqlite', file: path.resolve('x.sqlite') }],
    ['sqlite:///tmp/x.sqlite', { driver: 'sqlite', file: '/tmp/x.sqlite' }],
    ['/var/lib/chatroom/db.sqlite', { driver: 'sqlite', file: '/var/lib/chatroom/db.sqlite' }],
    ['postgres://chat@db:5432/chat', { driver: 'postgres', url: 'postgres://chat@db:5432/chat' }],
    ['postgresql://localhost/chat', { driver: 'postgres', url: 'postgresql://localhost/chat' }],
  ])('reads DATABASE_URL=%s', (url, database) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual(database);
  });

  it('reads admins ignoring case, and lists', () => {
    const config = loadConfig({ ADMIN_USERS: 'Alice, bob ,', CORS_ORIGINS: 'https://a.example,http://localhost:3000' });
    expect([...config.adminUsers]).toEqual(['alice', 'bob']);
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:3000']);
  });

  it('reads true/false settings as true, false, 1 or 0 in any case', () => {
    expect(loadConfig({ TRUST_PROXY: 'TRUE', HTTP_FAST_PATH: '0' })).toMatchObject({ trustProxy: true, httpFastPath: false });
    expect(() => loadConfig({ HTTP_FAST_PATH: 'no' })).toThrow(/HTTP_FAST_PATH="no": must be true or false/);
  });

  it('reads the edit window: unset is no limit, 0 turns editing off, anything else is refused', () => {
    expect(loadConfig({ MESSAGE_EDIT_WINDOW_SECONDS: '' }).messageEditWindowSeconds).toBeNull();
    expect(loadConfig({ MESSAGE_EDIT_WINDOW_SECONDS: '0' }).messageEditWindowSeconds).toBe(0);
    expect(loadConfig({ MESSAGE_EDIT_WINDOW_SECONDS: '900' }).messageEditWindowSeconds).toBe(900);
    for (const bad of ['-5', '1.5', 'ten', '1e3']) {
      expect(() => loadConfig({ MESSAGE_EDIT_WINDOW_SECONDS: bad })).toThrow(/MESSAGE_EDIT_WINDOW_SECONDS/);
    }
  });

  it('reads PASSWORD_HASH_COST: a power of two, never above the default', () => {
    expect(loadConfig({ PASSWORD_HASH_COST: '1024' }).passwordHashCost).toBe(1024);
    for (const bad of ['1000', '512', '65536', 'cheap']) {
      expect(() => loadConfig({ PASSWORD_HASH_COST: bad })).toThrow(/PASSWORD_HASH_COST=.*(power of two|whole number) from 1024 to 32768/);
    }
  });

  it('reads RETENTION_DAYS: unset keeps messages for ever, else whole days from 1', () => {
    expect(loadConfig({}).retentionDays).toBeNull();
    expect(loadConfig({ RETENTION_DAYS: ' ' }).retentionDays).toBeNull();
    expect(loadConfig({ RETENTION_DAYS: '365' }).retentionDays).toBe(365);
    for (const bad of ['0', '-1', '1.5', 'a year', '36501']) {
      expect(() => loadConfig({ RETENTION_DAYS: bad })).toThrow(/RETENTION_DAYS=.*whole number from 1 to 36500/);
    }
  });

  it('reads the upload limits and directory: 10 MiB, 1 GiB and ./data/uploads unless set', () => {
    expect(loadConfig({}).uploads).toEqual({ maxBytes: 10 * 1024 * 1024, quotaBytesPerUser: 1024 * 1024 * 1024, dir: path.resolve('data/uploads') });
    expect(loadConfig({ MAX_UPLOAD_BYTES: '1000', UPLOAD_QUOTA_BYTES_PER_USER: '5000', UPLOAD_DIR: '/srv/files' }).uploads).toEqual({
      maxBytes: 1000,
      quotaBytesPerUser: 5000,
      dir: '/srv/files',
    });
    for (const bad of ['0', '-1', '10MB', '1e6']) {
      expect(() => loadConfig({ MAX_UPLOAD_BYTES: bad })).toThrow(/MAX_UPLOAD_BYTES=.*whole number from 1/);
      expect(() => loadConfig({ UPLOAD_QUOTA_BYTES_PER_USER: bad })).toThrow(/UPLOAD_QUOTA_BYTES_PER_USER=.*whole number from 1/);
    }
  });

  it('reads REGISTRATION in any case, and refuses other modes', () => {
    expect(loadConfig({ REGISTRATION: 'Invite' }).registration).toBe('invite');
    expect(loadConfig({ REGISTRATION: 'closed' }).registration).toBe('closed');
    expect(() => loadConfig({ REGISTRATION: 'invites' })).toThrow(/REGISTRATION="invites": must be one of open, invite, closed/);
  });

  it('reads REDIS_URL with its key prefix, and refuses other URLs', () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/2' }).redis).toEqual({ url: 'redis://cache:6379/2', keyPrefix: 'chatroom:' });
    expect(loadConfig({ REDIS_URL: 'rediss://cache', REDIS_KEY_PREFIX: 'chat-a:' }).redis).toEqual({ url: 'rediss://cache', keyPrefix: 'chat-a:' });
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
  });

  it('reads LOG_FORMAT, leaving it to the terminal when unset', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT="xml": must be json or pretty/);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '-1', LOG_LEVEL: 'chatty', DATABASE_URL: 'mongodb://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid environment variables/);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) expect(message).toContain(name);
  });
});
