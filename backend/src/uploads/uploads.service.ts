import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Attachment, ErrorCode, UploadResponse } from '@chatroom/shared';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServerLifecycle } from '../http/server-lifecycle';
import { MessageAccess } from '../messages/message-access';
import { PeriodicJob } from '../common/periodic-job';
import type { Executor } from '../storage/executor';
import { TimelineService } from '../timeline/timeline.service';
import { BodyMeter } from './body-meter';
import { FILE_KIND_READER, FileKindReader, HEAD_BYTES } from './file-kind';
import { fileNameFrom } from './file-name';
import { newUploadId, UPLOAD_ID } from './upload-id';
import { FILE_STORE, FileStore } from './file-store';
import { UploadRow, UploadsRepository } from './uploads.repository';

const HOUR_MS = 60 * 60 * 1000;
/** An upload not sent within this time is removed. */
const UNSENT_KEPT_MS = 24 * HOUR_MS;
const FIRST_CLEAN_UP_DELAY_MS = 2_000;

/**
 * Files: received as a request body and stored (POST /uploads), sent with one message of their
 * owner's (claim, attach), read by whoever can see that message, and removed when the message is
 * erased or when never sent within a day.
 */
@Injectable()
export class UploadsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('uploads');
  private cleanUp?: PeriodicJob;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(FILE_KIND_READER) private readonly readKind: FileKindReader,
    private readonly repository: UploadsRepository,
    private readonly timeline: TimelineService,
    private readonly access: MessageAccess,
    private readonly lifecycle: ServerLifecycle,
  ) {}

  onApplicationBootstrap(): void {
    this.timeline.onErased((messageIds) => void this.release(messageIds));
    this.cleanUp = PeriodicJob.untilClosing(
      this.lifecycle,
      (job) => this.removeLeftovers(job),
      { firstDelayMs: FIRST_CLEAN_UP_DELAY_MS, intervalMs: HOUR_MS },
      (error) => this.logger.error(`Cleaning up uploads failed; next try in an hour: ${String(error)}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.cleanUp?.stop();
  }

  /**
   * Stores the body of `request` as `owner`'s file, named by its X-Filename header. Refused before
   * a byte is read when Content-Length is over MAX_UPLOAD_BYTES or over what is left of the owner's
   * quota, and as soon as the body goes past either. Its type and size are read from its first
   * bytes. Refused or failed, nothing of it stays. `goAhead` is called once the body is to be read
   * (a client that sent `Expect: 100-continue` waits for it).
   */
  async receive(owner: string, request: IncomingMessage, goAhead: () => void): Promise<UploadResponse> {
    this.lifecycle.assertAccepting();
    const name = fileNameFrom(request.headers['x-filename']);
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== 'identity') {
      throw new ApiException(ErrorCode.UnsupportedMediaType, 'Send the file as it is, without Content-Encoding.', 'Content-Encoding');
    }
    const { maxBytes, quotaBytesPerUser } = this.config.uploads;
    const declared = request.headers['content-length'] === undefined ? 0 : Number(request.headers['content-length']);
    if (declared > maxBytes) throw this.tooLarge();
    const room = quotaBytesPerUser - (await this.repository.usedBy(owner));
    if (declared > room) throw this.overQuota(room);

    const id = newUploadId();
    await this.repository.begin(id, owner, name, new Date().toISOString());
    const meter = new BodyMeter(Math.min(maxBytes, room), HEAD_BYTES, {
      tooLarge: () => (room < maxBytes ? this.overQuota(room) : this.tooLarge()),
      incomplete: () => new ApiException(ErrorCode.ValidationFailed, 'The connection closed before the whole file arrived.', 'body'),
    });
    try {
      goAhead();
      await this.store.put(id, BodyMeter.of(request, meter));
      const file = { size: meter.bytes, ...(await this.readKind(meter.head)) };
      if (!(await this.repository.complete(id, owner, file, quotaBytesPerUser, new Date().toISOString()))) {
        throw this.overQuota(quotaBytesPerUser - (await this.repository.usedBy(owner)));
      }
      return { upload_id: id, name, ...file };
    } catch (error) {
      await this.store.remove(id);
      await this.repository.remove(id);
      throw error;
    }
  }

  /**
   * The files `ids` name, for a message `sender` is sending in the transaction `trx`: each one
   * theirs, complete and not sent before (404 for one that is not theirs or not there, 400 for one
   * sent already), in the order given.
   */
  async claim(sender: string, ids: readonly string[], trx: Executor): Promise<Attachment[]> {
    const rows = new Map((await this.repository.findMany(ids, trx)).map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = rows.get(id);
      if (!row || row.owner !== sender || row.completed_at === null) {
        throw new ApiException(ErrorCode.NotFound, `No upload ${id} of yours: upload the file first (POST /uploads).`, 'attachments');
      }
      if (row.message_id !== null) throw alreadySent(id);
      return attachmentOf(row);
    });
  }

  /** Marks claimed files as sent with `messageId`, in the same transaction; 400 when another send took one meanwhile. */
  async attach(ids: readonly string[], messageId: number, trx: Executor): Promise<void> {
    if ((await this.repository.attach(ids, messageId, trx)) !== ids.length) throw alreadySent(ids.join(', '));
  }

  /** The file, for `username` who asks for it by id and name: 404 unless a message they can see carries it. */
  async downloadable(username: string, id: string, name: string): Promise<Attachment> {
    const row = UPLOAD_ID.test(id) ? await this.repository.find(id) : undefined;
    if (!row || row.name !== name || row.message_id === null || !(await this.carriedFor(username, row.message_id))) {
      throw new ApiException(ErrorCode.NotFound, 'No such file in a message you can see.', 'id');
    }
    return attachmentOf(row);
  }

  /** Bytes `start` to `end` (inclusive) of a file `downloadable` gave. */
  read(file: Attachment, start: number, end: number): Readable {
    return this.store.read(file.id, start, end);
  }

  private async carriedFor(username: string, messageId: number): Promise<boolean> {
    try {
      const { row } = await this.access.visible(username, messageId, 'id');
      return row.deleted_at === null;
    } catch (error) {
      if (error instanceof ApiException && error.code === ErrorCode.NotFound) return false;
      throw error;
    }
  }

  /** Removes the files of erased messages: nothing refers to them any more (each is sent with one message only). */
  private async release(messageIds: number[]): Promise<void> {
    try {
      for (const id of await this.repository.ofMessages(messageIds)) await this.removeSent(id);
    } catch (error) {
      this.logger.warn(`Removing the files of erased messages failed; the hourly clean-up tries again: ${String(error)}`);
    }
  }

  /** Bytes first: a row left without them by a crash is removed on the next run, never a file without its row. */
  private async removeSent(id: string): Promise<void> {
    await this.store.remove(id);
    await this.repository.remove(id);
  }

  /**
   * Uploads never sent within a day (complete or abandoned halfway), and files of erased messages
   * whose removal was interrupted. An unsent upload's row goes first, so that a send claiming it
   * at that moment fails rather than carry a file that is gone.
   */
  private async removeLeftovers(job: PeriodicJob): Promise<void> {
    const before = new Date(Date.now() - UNSENT_KEPT_MS).toISOString();
    for (let ids = await this.repository.unsentBefore(before); ids.length > 0 && !job.stopping; ids = await this.repository.unsentBefore(before)) {
      for (const id of ids) if (await this.repository.removeUnsent(id)) await this.store.remove(id);
    }
    for (let ids = await this.repository.ofErasedMessages(); ids.length > 0 && !job.stopping; ids = await this.repository.ofErasedMessages()) {
      for (const id of ids) await this.removeSent(id);
    }
  }

  private tooLarge(): ApiException {
    return new ApiException(ErrorCode.PayloadTooLarge, `The file is larger than this server takes (${this.config.uploads.maxBytes} bytes).`, 'body');
  }

  private overQuota(room: number): ApiException {
    return new ApiException(
      ErrorCode.PayloadTooLarge,
      `The file does not fit in what is left of your upload quota (${Math.max(0, room)} of ${this.config.uploads.quotaBytesPerUser} bytes); delete messages with files to make room.`,
      'body',
    );
  }
}

function attachmentOf(row: UploadRow): Attachment {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    mime: row.mime,
    ...(row.width !== null && row.height !== null ? { width: row.width, height: row.height } : {}),
  };
}

function alreadySent(id: string): ApiException {
  return new ApiException(ErrorCode.ValidationFailed, `Upload ${id} was sent already: each upload goes with one message.`, 'attachments');
}
