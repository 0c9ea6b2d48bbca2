import { sharedPageOf } from '@chatroom/shared';
import { linkSegments } from './link-segments';
import { mentionSegments } from './mentions';

/**
 * Message text as text nodes; links open in a new tab without access to this page. Mentions the
 * server found (`mentions`) stand out, those of `me` most. A message that is just a shared page
 * shows the page's title as its link, above the address.
 */
export function MessageText({ text, mentions = [], me = '' }: { text: string; mentions?: string[]; me?: string }) {
  const page = sharedPageOf(text);
  if (page) {
    return (
      <>
        <a class="shared-page-title" href={page.url} target="_blank" rel="noopener noreferrer">
          {page.title}
        </a>
        {'\n'}
        <MessageText text={page.url} />
      </>
    );
  }
  return (
    <>
      {linkSegments(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          mentionSegments(segment.text, mentions, me).map((part, i) =>
            part.kind === 'mention' ? (
              part.me ? (
                <mark key={`${index}-${i}`} class="mention mention-me">
                  {part.text}
                </mark>
              ) : (
                <span key={`${index}-${i}`} class="mention">
                  {part.text}
                </span>
              )
            ) : (
              part.text
            ),
          )
        ),
      )}
    </>
  );
}
