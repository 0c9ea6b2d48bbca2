import type { ChildProcess } from 'node:child_process';

export interface ClusterInstance {
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export interface Cluster {
  /** nginx, in front of every instance. */
  url: string;
  port: number;
  instances: ClusterInstance[];
  nginxOutput(): string;
  stop(): Promise<void>;
}

export function startInstance(options: { databaseUrl: string; env?: Record<string, string>; port?: number }): Promise<ClusterInstance>;
export function startCluster(options: { databaseUrl: string; instances?: number; port?: number; env?: Record<string, string> }): Promise<Cluster>;
export function nginxConfig(options: { prefix: string; port: number; upstreams: string[]; runAsRoot: boolean }): string;
