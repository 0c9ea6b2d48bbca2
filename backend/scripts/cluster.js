#!/usr/bin/env node
/**
 * Several ChatRoom instances on one PostgreSQL database behind nginx, on one port: for trying a
 * cluster out (`npm run start:cluster`) and for the multi-instance tests, which require this file.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test INSTANCES=3 PORT=8080 npm run start:cluster
 *
 * Needs the built server (backend/dist) and nginx on PATH or in /usr/sbin (Debian: apt-get install nginx).
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { SERVER_NODE_FLAGS } = require('./server-node-flags');

const MAIN = path.resolve(__dirname, '../dist/main.js');

function findNginx() {
  for (const candidate of [process.env.NGINX, '/usr/sbin/nginx', '/usr/local/sbin/nginx']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('nginx not found: apt-get install -y nginx (or set NGINX=/path/to/nginx)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

const healthy = (url) => fetch(`${url}/health`).then((res) => res.ok, () => false);

/**
 * Long-polls last up to 30 s, so nginx must wait longer than that for an answer and pass it on
 * unbuffered. Round robin spreads every request, long-polls included, over the instances; a
 * request that cannot reach an instance goes to the next one, and one that reached an instance
 * that then died answers 502, which clients retry (with the same client_id for /send).
 */
function nginxConfig({ prefix, port, upstreams, runAsRoot }) {
  const temp = (name) => path.join(prefix, 'tmp', name);
  return `${runAsRoot ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log stderr error;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  upstream chatroom {
${upstreams.map((upstream) => `    server ${upstream} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 1m;
    location / {
      proxy_pass http://chatroom;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      proxy_send_timeout 60s;
    }
  }
}
`;
}

/** Starts one instance; resolves once it answers /health. */
async function startInstance({ databaseUrl, env = {}, port }) {
  port = port ?? (await freePort());
  let output = '';
  // The tail is enough to explain a failure, and a long-running cluster must not grow without bound.
  const collect = (chunk) => (output = (output + chunk).slice(-65_536));
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', TRUST_PROXY: 'true', ...env, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  await waitUntil(
    async () => {
      if (gone) throw new Error(`instance on port ${port} exited during start-up:\n${output}`);
      return healthy(url);
    },
    30_000,
    `instance on ${url}`,
  ).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output}`);
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port,
    process: child,
    output: () => output,
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * `instances` servers on `databaseUrl` and nginx in front of them on `port` (a free one if not
 * given). The instances share one announcement file, as they would share a volume in production.
 */
async function startCluster({ databaseUrl, instances = 3, port, env = {} }) {
  const prefix = mkdtempSync(path.join(tmpdir(), 'chatroom-cluster-'));
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(prefix, 'tmp', name), { recursive: true });
  const sharedEnv = { ANNOUNCEMENT_FILE: path.join(prefix, 'announcement.txt'), ...env };
  const servers = [];
  const stopAll = async () => Promise.all(servers.map((server) => server.stop()));
  try {
    // One at a time: each runs the migrations, and the first creates the schema.
    for (let i = 0; i < instances; i++) servers.push(await startInstance({ databaseUrl, env: sharedEnv }));

    port = port ?? (await freePort());
    const configFile = path.join(prefix, 'nginx.conf');
    writeFileSync(
      configFile,
      nginxConfig({ prefix, port, upstreams: servers.map((server) => `127.0.0.1:${server.port}`), runAsRoot: process.getuid?.() === 0 }),
    );
    let nginxOutput = '';
    const nginx = spawn(findNginx(), ['-p', prefix, '-c', configFile, '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout.on('data', (chunk) => (nginxOutput += chunk));
    nginx.stderr.on('data', (chunk) => (nginxOutput += chunk));
    const nginxExited = new Promise((resolve) => nginx.once('exit', resolve));
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => {
        if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxOutput}`);
        return healthy(url);
      },
      10_000,
      `nginx on ${url}`,
    ).catch(async (error) => {
      nginx.kill('SIGKILL');
      throw new Error(`${error.message}\n${nginxOutput}`);
    });

    return {
      url,
      port,
      instances: servers,
      nginxOutput: () => nginxOutput,
      async stop() {
        if (nginx.exitCode === null) nginx.kill('SIGQUIT');
        await Promise.all([nginxExited, stopAll()]);
        rmSync(prefix, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('A cluster needs DATABASE_URL=postgres://...');
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm run build first`);
  const cluster = await startCluster({
    databaseUrl,
    instances: Number(process.env.INSTANCES ?? 3),
    port: Number(process.env.PORT ?? 8080),
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  });
  console.log(`ChatRoom cluster on ${cluster.url}: ${cluster.instances.map((instance) => instance.url).join(', ')} behind nginx; Ctrl-C stops it.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const instance of cluster.instances) {
    instance.process.stdout.pipe(process.stdout);
    instance.process.stderr.pipe(process.stderr);
    instance.process.once('exit', (code, signal) => !stopping && console.error(`instance ${instance.url} exited (${code ?? signal})`));
  }
}

module.exports = { startCluster, startInstance, nginxConfig };

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
