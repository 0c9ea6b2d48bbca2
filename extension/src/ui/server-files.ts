/**
 * Files go between the view and the server directly, the one exception to "the worker is the only
 * caller of the server" (issue #11). The worker could not do it well:
 * - runtime messaging carries JSON only (Chromium), so a file would cross as base64, a third larger,
 *   whole in memory on both sides, and a message is capped in size;
 * - a service worker has no XMLHttpRequest, and fetch reports no upload progress unless its body is
 *   a stream, which Chromium sends only over HTTP/2 (a self-hosted server often speaks HTTP/1.1) and
 *   Firefox not at all; XMLHttpRequest's `upload.onprogress` works in every extension page;
 * - a service worker has no URL.createObjectURL, so images could not become `blob:` URLs there.
 * So the view asks the worker for the server and token (`fileAccess`), uploads with
 * XMLHttpRequest, fetches files into blobs, and hands the worker only the upload ids to send. An
 * upload lives as long as its page: closing the popup cancels it, and nothing large is queued.
 */
import { Attachment, ErrorCode, FileAccess, ROUTES, UiError, UploadResponse } from '@chatroom/shared';
import { errorFromAnswer, toUiError } from '../background/server-errors';
import type { WorkerConnector } from './connector';
import { RequestError } from './request-error';

/** The images the server shows in place (`Content-Disposition: inline`); everything else is a download. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isInlineImage(file: Pick<Attachment, 'mime'>): boolean {
  return INLINE_IMAGES.has(file.mime);
}

/** Thrown when the user cancelled an upload: nothing to say about it. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadCancelled';
  }
}

export interface UploadOptions {
  onProgress: (sent: number, total: number) => void;
  signal: AbortSignal;
}

/** Uploads and fetches files with the session's token, which it asks the worker for once (again after a 401). */
export class ServerFiles {
  private access: Promise<FileAccess> | null = null;
  private maxBytes: Promise<number | undefined> | null = null;

  constructor(private readonly connector: WorkerConnector) {}

  /** The largest file the server takes (GET /server-info), when it says. */
  uploadLimit(): Promise<number | undefined> {
    this.maxBytes ??= this.connector.request('serverInfo', null).then(
      (info) => info.max_upload_bytes,
      () => {
        this.maxBytes = null;
        return undefined;
      },
    );
    return this.maxBytes;
  }

  /** POST /uploads with the file as the body; progress as the browser sends it. */
  upload(file: Blob, name: string, options: UploadOptions): Promise<UploadResponse> {
    return this.withAccess((access) => sendFile(access, file, name, options));
  }

  /** GET /uploads/{id}/{name}: the file's bytes, for a `blob:` URL. */
  fetch(file: Attachment): Promise<Blob> {
    return this.withAccess(async ({ serverUrl, token }) => {
      let response: Response;
      try {
        response = await fetch(new URL(ROUTES.upload(file.id, file.name), serverUrl), { headers: { Authorization: `Bearer ${token}` } });
      } catch {
        throw unreachable(serverUrl);
      }
      if (!response.ok) throw new RequestError(toUiError(errorFromAnswer(response.status, response.statusText, await response.text().catch(() => ''))));
      return response.blob();
    });
  }

  /** A token can end (signed out, signed in again): after a 401, asks the worker once more and tries again once. */
  private async withAccess<T>(call: (access: FileAccess) => Promise<T>): Promise<T> {
    this.access ??= this.connector.request('fileAccess', null);
    const access = this.access;
    try {
      return await call(await access);
    } catch (failure) {
      if (!(failure instanceof RequestError && failure.code === ErrorCode.Unauthenticated)) throw failure;
      if (this.access === access) this.access = this.connector.request('fileAccess', null);
      return call(await this.access);
    }
  }
}

function sendFile({ serverUrl, token }: FileAccess, file: Blob, name: string, { onProgress, signal }: UploadOptions): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadCancelled());
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', new URL(ROUTES.uploads, serverUrl).toString());
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('X-Filename', encodeURIComponent(name));
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      if (request.status === 201) resolve(JSON.parse(request.responseText) as UploadResponse);
      else reject(new RequestError(toUiError(errorFromAnswer(request.status, request.statusText, request.responseText))));
    };
    request.onerror = () => reject(unreachable(serverUrl));
    request.onabort = () => reject(new UploadCancelled());
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

function unreachable(serverUrl: string): RequestError {
  const error: UiError = { code: ErrorCode.Unavailable, message: `Cannot reach the server at ${serverUrl}.` };
  return new RequestError(error);
}
