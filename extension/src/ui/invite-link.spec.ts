import { inviteOfPage, parseInviteLink } from './invite-link';

describe('invite links', () => {
  it('reads the server and the code from a pasted link, whatever its path', () => {
    expect(parseInviteLink(' https://chat.example.org/join?invite=k3mq-7xwa ')).toEqual({ server: 'https://chat.example.org', code: 'k3mq-7xwa' });
    expect(parseInviteLink('http://127.0.0.1:5003/welcome?x=1&invite=ABCD')).toEqual({ server: 'http://127.0.0.1:5003', code: 'ABCD' });
  });

  it('takes a bare code, an address without a code and other schemes for no link', () => {
    expect(parseInviteLink('k3mq-7xwa-aaaa')).toBeNull();
    expect(parseInviteLink('https://chat.example.org/join')).toBeNull();
    expect(parseInviteLink('https://chat.example.org/join?invite=%20')).toBeNull();
    expect(parseInviteLink('chrome-extension://abc/popup.html?invite=x')).toBeNull();
  });

  it("reads the page the user looks at only when it is a server's invite page", () => {
    expect(inviteOfPage('https://chat.example.org/join?invite=k3mq')).toEqual({ server: 'https://chat.example.org', code: 'k3mq' });
    expect(inviteOfPage('https://games.example.com/lobby?invite=k3mq')).toBeNull();
    expect(inviteOfPage(null)).toBeNull();
  });
});
