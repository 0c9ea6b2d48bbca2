import { ROUTES } from '@chatroom/shared';

/** What an invite link carries: the server it invites to (an origin) and the code. */
export interface InviteLink {
  server: string;
  code: string;
}

/**
 * A pasted invite link (`https://chat.example.org/join?invite=CODE`, or any address of the server
 * with `?invite=`) as its server and code; null for anything else, such as a bare code.
 */
export function parseInviteLink(text: string): InviteLink | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const code = url.searchParams.get('invite')?.trim();
  return code ? { server: url.origin, code } : null;
}

/**
 * The invite of the page the user is looking at, when it is a server's invite page (`/join`): only
 * that page, so that an `?invite=` of some other site is never taken for a ChatRoom server.
 */
export function inviteOfPage(address: string | null): InviteLink | null {
  if (!address) return null;
  const invite = parseInviteLink(address);
  return invite && new URL(address).pathname === ROUTES.joinPage ? invite : null;
}
