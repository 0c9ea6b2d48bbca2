import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { createValidationPipe } from './common/validation.pipe';
import { APP_CONFIG, AppConfig, InvalidConfigError, loadConfig } from './config/app-config';
import { GracefulShutdown } from './http/graceful-shutdown';
import { useHttpEdge } from './http/http-server';
import { configureHttpServer } from './http/server-limits';
import { LocalFileStore } from './uploads/local-file-store';

async function bootstrap(): Promise<void> {
  // Checked before anything starts, so a bad setting stops the server with words, not a stack trace.
  const settings = loadConfig();
  if (settings.database.driver === 'sqlite') LocalFileStore.open(settings.uploads.dir);

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are never revalidated by clients; hashing every body for an ETag is wasted work.
  app.set('etag', false);
  // Headers, CORS, the request log, the JSON body and the fast path: one edge for every route.
  await useHttpEdge(app);
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

  // After useHttpEdge: the shutdown puts its own request listener ahead of the edge's.
  const server = app.getHttpServer();
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
