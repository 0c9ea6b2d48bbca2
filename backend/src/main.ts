import 'reflect-metadata';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LIMITS } from '@chatroom/shared';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { isAllowedOrigin, securityHeaders } from './common/http-edge';
import { createValidationPipe } from './common/validation.pipe';
import { APP_CONFIG, AppConfig, InvalidConfigError, loadConfig } from './config/app-config';
import { GracefulShutdown } from './http/graceful-shutdown';
import { configureHttpServer } from './http/http-server';
import { MessagesFastPath } from './messages/messages-fast-path';

async function bootstrap(): Promise<void> {
  // Checked before anything starts, so a bad setting stops the server with words, not a stack trace.
  loadConfig();

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are never revalidated by clients; hashing every body for an ETag is wasted work.
  app.set('etag', false);
  app.useBodyParser('json', { limit: LIMITS.bodyMaxBytes });
  app.use(securityHeaders);
  app.enableCors({
    origin: (origin, callback) => callback(null, isAllowedOrigin(config, origin)),
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ChatRoom API')
      .setDescription('Accounts, direct messages, rooms, long-polling, unread counts and announcements.')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);

  // Sending and polling are most of the traffic: they are served before Express sees them, and
  // everything else goes on to the Express application as before.
  const server = app.getHttpServer() as Server;
  const fastPath = app.get(MessagesFastPath);
  const [expressApp] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) =>
    fastPath.handle(request, response, () => expressApp!(request, response)),
  );

  configureHttpServer(server);
  const shutdown = new GracefulShutdown(app, server);

  await app.listen(config.port, config.host);
  app.get(Logger).log(`ChatRoom listening on http://${config.host}:${config.port} (${config.database.driver})`);
  shutdown.stopOn('SIGTERM', 'SIGINT');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
