import { AnnouncementResponse, LIMITS, PostAnnouncementRequest } from '@chatroom/shared';
import { IsString, MaxLength } from 'class-validator';
import { IsStorableText } from '../../common/validators';

export class AnnouncementPostDto implements PostAnnouncementRequest {
  /** The new announcement; empty clears it. */
  @IsString()
  @MaxLength(LIMITS.announcementMax)
  @IsStorableText()
  text: string;
}

export class AnnouncementResponseDto implements AnnouncementResponse {
  announcement: string;
  updated_at: string | null;
}
