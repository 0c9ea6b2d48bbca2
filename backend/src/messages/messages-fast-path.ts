import { Inject, Injectable, Logger, ValidationPipe } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ErrorCode, LIMITS, ROUTES } from '@chatroom/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { assertActingUser } from '../common/acting-user';
import { ApiException } from '../common/api-exception';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { isAllowedOrigin, staticSecurityHeaders } from '../common/http-edge';
import { rateLimited, rateLimitKey, retryAfterSeconds } from '../common/rate-limit.guard';
import { createValidationPipe } from '../common/validation.pipe';
import { APP_CONFIG, AppConfig, logsRequests } from '../config/app-config';
import { AuthService } from '../auth/auth.service';
import { ConversationsService } from '../conversations/conversations.service';
import { PresenceService } from '../presence/presence.service';
import { MessagesQueryDto } from './dto/messages-query.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { MessagesService, pollOptionsFor } from './messages.service';

const MINUTE_MS = 60_000;

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * `POST /send` and `GET /messages` are nearly all of a chat server's traffic: every message is one
 * send, one answered poll and one new poll. Through Express's router, body parser, helmet, CORS and
 * Nest's guards and pipes, each of those cost several times the work of the request itself
 * (bench/README.md, profile). This handler runs first and serves the ordinary case of both routes
 * with the same rules, in the same order, with the same services: bearer token (AuthService), rate
 * limit (the throttler's storage and key), DTO validation (the same ValidationPipe), then
 * MessagesService; the answer carries the same security and CORS headers. Anything unusual (no or
 * unknown token, no JSON body of known length) goes on to the controllers, which answer it the
 * general way. It sits in front of Express itself (see main.ts): even Express's own request
 * set-up costs more than these routes need. `GET /unread` (polled by every client for its badge)
 * goes the same way, with the same token and headers, straight to ConversationsService.
 */
@Injectable()
export class MessagesFastPath {
  private readonly logger = new Logger('http');
  private readonly validation: ValidationPipe = createValidationPipe();
  private readonly errors = new ApiExceptionFilter();
  private readonly headers = { ...staticSecurityHeaders(), 'Content-Type': 'application/json; charset=utf-8' };
  private readonly logsRequests: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ThrottlerStorage) private readonly throttlerStorage: ThrottlerStorage,
    private readonly auth: AuthService,
    private readonly presence: PresenceService,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
  ) {
    this.logsRequests = logsRequests(config);
  }

  /** Serves the request, or hands it to `next` (the Express application) when it is not one of ours. */
  readonly handle = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const url = request.url ?? '';
    const queryStart = url.indexOf('?');
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    let serve: ((username: string) => Promise<Answer>) | undefined;
    if (request.method === 'GET' && path === ROUTES.messages) {
      serve = (username) => this.pollMessages(username, queryStart < 0 ? '' : url.slice(queryStart + 1), response);
    } else if (request.method === 'POST' && path === ROUTES.send && this.hasPlainJsonBody(request)) {
      serve = (username) => this.send(username, request);
    } else if (request.method === 'GET' && path === ROUTES.unread) {
      serve = async (username) => ({ status: 200, body: await this.conversations.unread(username) });
    }
    const token = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7).trim() : '';
    if (!serve || !token) return next();

    void this.serveAuthenticated(token, serve, request, response, next);
  };

  private async serveAuthenticated(
    token: string,
    serve: (username: string) => Promise<Answer>,
    request: IncomingMessage,
    response: ServerResponse,
    next: () => void,
  ): Promise<void> {
    const started = Date.now();
    let answer: Answer;
    try {
      const user = await this.auth.authenticate(token);
      if (!user) return next();
      this.presence.seen(user.username);
      answer = await serve(user.username);
    } catch (error) {
      answer = this.failure(error);
    }
    try {
      this.reply(request, response, answer, started);
    } catch (error) {
      this.logger.error(error);
      response.destroy();
    }
  }

  private async pollMessages(username: string, queryString: string, response: ServerResponse): Promise<Answer> {
    const query: MessagesQueryDto = await this.validation.transform(parseQuery(queryString), { type: 'query', metatype: MessagesQueryDto });
    assertActingUser(query.username, username, 'username');
    const body = await this.messages.poll(username, pollOptionsFor(query, response));
    return { status: 200, body };
  }

  private async send(username: string, request: IncomingMessage): Promise<Answer> {
    const parsed = parseJsonObject(await readBody(request));
    const limit = this.config.rateLimits.sendPerMinute;
    const usage = await this.throttlerStorage.increment(rateLimitKey('send', `user:${username}`), MINUTE_MS, limit, MINUTE_MS, 'send');
    if (usage.isBlocked) {
      const retryAfter = retryAfterSeconds(usage.timeToBlockExpire);
      throw rateLimited(retryAfter);
    }
    const body: SendMessageDto = await this.validation.transform(parsed, { type: 'body', metatype: SendMessageDto });
    assertActingUser(body.sender, username, 'sender');
    const { message, created } = await this.messages.send(username, body.recipient, body.message, body.client_id);
    return { status: created ? 201 : 200, body: message };
  }

  /** A JSON body whose length is announced and within the limit: other bodies take the general path. */
  private hasPlainJsonBody(request: IncomingMessage): boolean {
    const length = Number(request.headers['content-length']);
    return (
      Number.isInteger(length) &&
      length <= LIMITS.bodyMaxBytes &&
      !request.headers['transfer-encoding'] &&
      (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')
    );
  }

  private failure(error: unknown): Answer {
    const body = this.errors.toApiError(error);
    if (body.statusCode >= 500) this.logger.error(error);
    const retryAfter = error instanceof ApiException ? error.retryAfterSeconds : undefined;
    return { status: body.statusCode, body, ...(retryAfter === undefined ? {} : { headers: { 'Retry-After': String(retryAfter) } }) };
  }

  private reply(request: IncomingMessage, response: ServerResponse, answer: Answer, started: number): void {
    if (response.headersSent || response.destroyed) return;
    const json = JSON.stringify(answer.body);
    const headers: Record<string, string | number> = { ...this.headers, ...answer.headers, 'Content-Length': Buffer.byteLength(json) };
    const origin = request.headers.origin;
    if (origin && isAllowedOrigin(this.config, origin)) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Vary'] = 'Origin';
    }
    response.writeHead(answer.status, headers);
    response.end(json);
    if (this.logsRequests) {
      this.logger.log({ req: { method: request.method, url: request.url }, res: { statusCode: answer.status }, responseTime: Date.now() - started });
    }
  }
}

/** The body as JSON parsing in Express answers it: 400 for anything but a JSON object. */
function parseJsonObject(raw: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ApiException(ErrorCode.InvalidJson, `The request body is not valid JSON: ${(error as Error).message}`, 'body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiException(ErrorCode.InvalidJson, 'The request body must be a JSON object.', 'body');
  }
  return parsed;
}

/** The whole body, which the caller has checked is announced as at most LIMITS.bodyMaxBytes. */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}
