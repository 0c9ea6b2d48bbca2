import type { Attachment, UploadResponse } from '@chatroom/shared';

/** A stored file, as POST /uploads answers. */
export class UploadResponseDto implements UploadResponse {
  /** Pass it in `attachments` of one /send within 24 hours. */
  upload_id: string;
  /** As sent in X-Filename, decoded. */
  name: string;
  /** In bytes. */
  size: number;
  /** From the file's first bytes; application/octet-stream when they show nothing known. */
  mime: string;
  /** Of an image: in pixels. */
  width?: number;
  height?: number;
}

/** A file a message carries: GET /uploads/{id}/{name} reads it. */
export class AttachmentDto implements Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  width?: number;
  height?: number;
}
