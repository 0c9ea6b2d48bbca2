import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ROUTES } from '@chatroom/shared';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Public } from '../common/public.decorator';
import { JoinPageQueryDto } from './dto/invite.dto';

/**
 * The page an invite link (`/join?invite=CODE`) opens in the browser. The extension has no access to
 * web pages, so the page cannot hand it the code: it shows the code, copies the link in one click, and
 * says how the extension takes it (its popup reads the link from this tab when opened here, or the
 * link is pasted into the sign-up form). It never says whether the code is valid: that is for
 * /register to answer, under its rate limit.
 */
@ApiTags('invites')
@Controller()
export class JoinPageController {
  @Public()
  @Get(ROUTES.joinPage)
  @ApiProduces('text/html')
  page(@Query() query: JoinPageQueryDto, @Res() response: Response): void {
    const nonce = randomBytes(16).toString('base64');
    response.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    // The link is a secret: no copy in caches, and search engines keep away.
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Robots-Tag', 'noindex');
    response.type('html').status(200).send(joinPage(query.invite.trim(), nonce));
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function joinPage(code: string, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join ChatRoom</title>
<style nonce="${nonce}">
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
  main { max-width: 34rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 12px; }
  h1 { margin-top: 0; font-size: 1.5rem; }
  code { font-size: 1.1rem; background: #eef0f4; padding: .2rem .4rem; border-radius: 4px; word-break: break-all; }
  input { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; margin: .3rem 0; }
  button { font: inherit; padding: .4rem 1rem; border: 0; border-radius: 6px; background: #2563eb; color: #fff; cursor: pointer; }
  li { margin-bottom: .5rem; }
  .muted { color: #5b6475; font-size: .9rem; }
</style>
</head>
<body>
<main>
<h1>You are invited to ChatRoom</h1>
<p>Your invite code: <code id="code">${escapeHtml(code)}</code></p>
<ol>
  <li>Install the ChatRoom browser extension (whoever sent you this link can tell you where).</li>
  <li>While this page is open, click ChatRoom's button in the browser's toolbar: its sign-up form takes this
    server and your code from this page.</li>
  <li>Or copy the invite link and paste it into the <strong>Invite code</strong> field of ChatRoom's sign-up form.
    <label for="link" class="muted">Invite link</label>
    <input id="link" readonly>
    <button id="copy" type="button">Copy invite link</button> <span id="copied" role="status"></span></li>
  <li>Choose a username and a password, and press <strong>Register</strong>.</li>
</ol>
<p class="muted">The code works for a limited time and for a limited number of accounts.</p>
</main>
<script nonce="${nonce}">
  const link = document.getElementById('link');
  const copied = document.getElementById('copied');
  link.value = location.href;
  document.getElementById('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
    } catch {
      link.select();
      document.execCommand('copy');
    }
    copied.textContent = 'Copied.';
  });
</script>
</body>
</html>
`;
}
