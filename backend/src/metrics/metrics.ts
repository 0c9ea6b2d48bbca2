import { Inject, Injectable } from '@nestjs/common';
import { ROUTES } from '@chatroom/shared';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { routeLabel } from './route-label';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const FIXED_ROUTES: ReadonlySet<string> = new Set(Object.values(ROUTES).flatMap((route) => (typeof route === 'string' ? [route] : [])));

/**
 * The server's Prometheus metrics (prom-client), served at /metrics when METRICS_TOKEN is set; with
 * it unset nothing is counted, so the request path pays nothing for them.
 */
@Injectable()
export class Metrics {
  readonly enabled: boolean;
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'chatroom_http_requests_total', help: 'HTTP requests answered, by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'chatroom_http_request_duration_seconds',
    help: 'Time from a request to its answer, by route (a long-poll counts its wait)',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly messages = new Counter({ name: 'chatroom_messages_stored_total', help: 'Timeline entries this instance stored, by kind', labelNames: ['kind'], registers: [this.registry] });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.metricsToken !== undefined;
    if (this.enabled) collectDefaultMetrics({ register: this.registry, prefix: 'chatroom_' });
  }

  /** A gauge read when Prometheus scrapes (waiting long-polls, pool connections). */
  gauge(name: string, help: string, read: () => number): void {
    if (!this.enabled) return;
    new Gauge({ name, help, registers: [this.registry], collect() { this.set(read()); } });
  }

  request(method: string, path: string, status: number, seconds: number): void {
    const route = routeLabel(path, FIXED_ROUTES);
    const known = METHODS.has(method) ? method : 'other';
    this.requests.inc({ method: known, route, status });
    this.latency.observe({ method: known, route }, seconds);
  }

  stored(kind: string): void {
    if (this.enabled) this.messages.inc({ kind });
  }
}
