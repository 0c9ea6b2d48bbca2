import { Controller, Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser } from '../common/current-user.decorator';
import { UseRateLimit } from '../common/rate-limit.guard';
import { UploadResponseDto } from './dto/upload.dto';
import { fileAnswer } from './file-answer';
import { FILE_NAME_HEADER } from './file-name';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller()
export class UploadsController {
  private readonly logger = new Logger('uploads');

  constructor(private readonly uploads: UploadsService) {}

  /**
   * Stores a file sent as the raw body (any Content-Type; its type is read from its first bytes),
   * to be sent with one message through /send's `attachments`. 413 over MAX_UPLOAD_BYTES or your
   * UPLOAD_QUOTA_BYTES_PER_USER, from Content-Length before reading and while reading.
   */
  @Post(ROUTES.uploads)
  @UseRateLimit('send')
  @ApiConsumes('application/octet-stream')
  @ApiHeader({ name: FILE_NAME_HEADER, required: true, description: 'The file name, percent-encoded UTF-8 (encodeURIComponent).' })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  upload(@CurrentUser() username: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<UploadResponseDto> {
    return this.uploads.receive(username, request, () => {
      if (request.headers.expect?.toLowerCase() === '100-continue') response.writeContinue();
    });
  }

  /**
   * A file carried by a message you can see (404 otherwise): images (PNG, JPEG, GIF, WebP) inline,
   * everything else as a download; Range and ETag (If-None-Match, If-Range) supported.
   */
  @Get('uploads/:id/:name')
  @ApiProduces('application/octet-stream')
  async download(
    @CurrentUser() username: string,
    @Param('id') id: string,
    @Param('name') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.uploads.downloadable(username, id, name);
    const answer = fileAnswer(file, request.headers);
    response.status(answer.status).set(answer.headers);
    if (answer.bytes === undefined || request.method === 'HEAD') {
      response.end();
      return;
    }
    try {
      await pipeline(this.uploads.read(file, answer.bytes.start, answer.bytes.end), response);
    } catch (error) {
      // The status went out already: a client that went away, or a store that failed halfway, ends the answer short.
      if (!response.destroyed) this.logger.warn(`Sending upload ${file.id} failed: ${String(error)}`);
      response.destroy();
    }
  }
}
