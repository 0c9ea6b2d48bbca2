import { Injectable, Logger, ValidationPipe } from '@nestjs/common';
import { ROUTES } from '@chatroom/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { BearerAuth } from '../auth/auth.guard';
import { assertActingUser } from '../common/acting-user';
import { ConversationsService } from '../conversations/conversations.service';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { HttpEdge } from '../common/http-edge';
import { createJsonBodyReader } from '../common/json-body';
import { callerKey, RateLimiter } from '../common/rate-limit.guard';
import { RequestLog } from '../common/request-log';
import { createValidationPipe } from '../common/validation.pipe';
import { MessagesQueryDto } from '../messages/dto/messages-query.dto';
import { SendMessageDto } from '../messages/dto/send-message.dto';
import { messagesResponseJson } from '../messages/messages-json';
import { MessagesService, pollOptionsFor } from '../messages/messages.service';

interface Answer {
  status: number;
  body: unknown;
  /** The body as JSON, when the route makes it cheaper than JSON.stringify(body) would. */
  json?: string;
  headers?: Readonly<Record<string, string>>;
}

/**
 * `POST /send` and `GET /messages` are nearly all of a chat server's traffic: every message is one
 * send, one answered poll and one new poll; `GET /unread` is what every client asks for its badge.
 * Through Express's router and Nest's guards, pipes and filters, each cost several times the work
 * of the request itself (README, "Speed"). This handler
 * sits in front of Express and serves these routes itself, by calling the very steps the general
 * pipeline runs, in its order: the JSON body reader, bearer authentication with the presence mark,
 * the `send` rate limit, the ValidationPipe, MessagesController's rules, the error answer and the
 * edge headers. It adds no rule of its own: test/fast-path.e2e-spec.ts holds both paths to the same
 * answers, byte for byte.
 */
@Injectable()
export class FastPath {
  private readonly logger = new Logger('FastPath');
  private readonly validation: ValidationPipe = createValidationPipe();
  private readonly errors = new ApiExceptionFilter();
  private readonly readJsonBody = createJsonBodyReader();

  constructor(
    private readonly edge: HttpEdge,
    private readonly bearer: BearerAuth,
    private readonly limiter: RateLimiter,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly log: RequestLog,
  ) {}

  /** Serves the request, or hands it to `next` (the Express application) when it is not one of ours; logs it either way. */
  readonly handle = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const url = request.url ?? '';
    const queryStart = url.indexOf('?');
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    if (request.method === 'POST' && path === ROUTES.send) {
      void this.serve(request, response, () => this.send(request, response));
    } else if (request.method === 'GET' && path === ROUTES.unread && !hasBody(request)) {
      void this.serve(request, response, () => this.unread(request));
    } else if (request.method === 'GET' && path === ROUTES.messages && !hasBody(request)) {
      void this.serve(request, response, () => this.poll(request, queryStart < 0 ? '' : url.slice(queryStart + 1), response));
    } else {
      this.log.track(request, response);
      next();
    }
  };

  private async serve(request: IncomingMessage, response: ServerResponse, route: () => Promise<Answer>): Promise<void> {
    const started = this.log.started();
    let answer: Answer;
    try {
      answer = await route();
    } catch (error) {
      answer = this.errors.answer(error);
    }
    try {
      if (this.reply(request, response, answer)) this.log.line(request, answer.status, started);
    } catch (error) {
      this.logger.error(error);
      response.destroy();
    }
  }

  /** MessagesController.send, after the body reader and its guards. */
  private async send(request: IncomingMessage, response: ServerResponse): Promise<Answer> {
    const parsed = await this.jsonBody(request, response);
    const { username } = await this.bearer.authenticate(request.headers.authorization);
    await this.limiter.consume('send', callerKey(username, undefined));
    const body = (await this.validation.transform(parsed, { type: 'body', metatype: SendMessageDto })) as SendMessageDto;
    assertActingUser(body.sender, username, 'sender');
    const { message, created } = await this.messages.send(username, body);
    return { status: created ? 201 : 200, body: message };
  }

  /** MessagesController.messagesAfter, after its guard. */
  private async poll(request: IncomingMessage, queryString: string, response: ServerResponse): Promise<Answer> {
    const user = await this.bearer.authenticate(request.headers.authorization);
    const { username } = user;
    // As the AuthGuard does: the poll reads its session from the request (signing out answers it).
    (request as AuthenticatedRequest).user = user;
    const query = (await this.validation.transform(parseQuery(queryString), { type: 'query', metatype: MessagesQueryDto })) as MessagesQueryDto;
    assertActingUser(query.username, username, 'username');
    const body = await this.messages.poll(username, pollOptionsFor(query, response));
    return { status: 200, body, json: messagesResponseJson(body) };
  }

  /** ConversationsController.unread, after its guard: every client asks it for its badge. */
  private async unread(request: IncomingMessage): Promise<Answer> {
    const { username } = await this.bearer.authenticate(request.headers.authorization);
    return { status: 200, body: await this.conversations.unread(username) };
  }

  private jsonBody(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.readJsonBody(request, response, (error) => {
        if (error === undefined) resolve((request as IncomingMessage & { body?: unknown }).body);
        else reject(error);
      });
    });
  }

  /** Whether the answer went out: not when the client had gone. */
  private reply(request: IncomingMessage, response: ServerResponse, answer: Answer): boolean {
    if (response.headersSent || response.destroyed) return false;
    const json = answer.json ?? JSON.stringify(answer.body);
    response.writeHead(answer.status, this.edge.jsonAnswer(request.headers.origin, answer.headers, Buffer.byteLength(json)));
    response.end(json);
    return true;
  }
}

/** A GET with a body goes the general way, where the body is read (and may be refused). */
function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined;
}
