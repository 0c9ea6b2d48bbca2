import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MessageAccess } from '../messages/message-access';
import { RoomsModule } from '../rooms/rooms.module';
import { DATABASE, Database } from '../storage/schema';
import { TimelineModule } from '../timeline/timeline.module';
import { FILE_KIND_READER } from './file-kind';
import { readFileKind } from './file-kind-reader';
import { FILE_STORE, FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';
import { PostgresFileStore } from './postgres-file-store';
import { UploadsController } from './uploads.controller';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';

@Module({
  imports: [TimelineModule, RoomsModule],
  controllers: [UploadsController],
  providers: [
    UploadsRepository,
    UploadsService,
    MessageAccess,
    { provide: FILE_KIND_READER, useValue: readFileKind },
    {
      provide: FILE_STORE,
      inject: [APP_CONFIG, DATABASE],
      useFactory: (config: AppConfig, db: Database): FileStore =>
        config.database.driver === 'postgres' ? new PostgresFileStore(db) : LocalFileStore.open(config.uploads.dir),
    },
  ],
  exports: [UploadsService],
})
export class UploadsModule {}
