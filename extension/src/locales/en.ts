import type { Catalog } from './catalog';

/** The English UI strings: the source every translation follows (see catalog.ts). */
export const en = {
  extName: { message: 'ChatRoom', description: 'The extension’s name, in the store and the browser’s menus.' },
  extDescription: { message: 'Chat on a self-hosted ChatRoom server from the toolbar popup or a docked side panel.' },
  openSidePanelCommand: { message: 'Open ChatRoom in the side panel' },
  openSidebarCommand: { message: 'Open ChatRoom in the sidebar', description: 'Firefox’s name for the side panel.' },

  loading: { message: 'Loading…' },
  cancel: { message: 'Cancel' },

  settingsTitle: { message: 'ChatRoom settings' },
  serverAddress: { message: 'Server address' },
  serverAddressInvalid: { message: 'Enter a full address, like http://localhost:5003.' },
  serverPermissionRefused: { message: 'The extension needs permission to reach $ORIGIN$.', values: ['ORIGIN'] },
  serverChangeLogsOut: { message: 'Changing the server logs you out of the current one.' },
  save: { message: 'Save' },
  saved: { message: 'Saved.' },
  desktopNotifications: {
    message:
      'Desktop notifications: a message that asks for you (by each conversation’s notification level and mute) while its conversation is not on screen, and announcements while ChatRoom is closed; snoozing holds them back',
  },
  yourAccount: { message: 'Your account' },
  signedInAs: { message: 'Signed in as $USER$ on $SERVER$.', values: ['USER', 'SERVER'] },
  logInFromToolbar: { message: 'Log in from the ChatRoom button in the toolbar to manage your account here.' },

  privacyTitle: { message: 'Privacy' },
  shareReadReceipts: { message: 'Share read receipts: others see "Seen" once you have read their messages' },
  shareTyping: { message: 'Share typing: others see "is typing…" while you write to them' },

  passwordTitle: { message: 'Password' },
  currentPassword: { message: 'Current password' },
  newPassword: { message: 'New password' },
  newPasswordAgain: { message: 'New password again' },
  changePassword: { message: 'Change password' },
  passwordsDiffer: { message: 'The two new passwords differ.' },
  passwordChanged: { message: 'Password changed. Your other sessions are signed out.' },

  sessionsTitle: { message: 'Where you are signed in' },
  sessionsLabel: { message: 'Sessions' },
  thisBrowser: { message: 'This browser' },
  sessionTimes: { message: 'Signed in $CREATED$, last active $SEEN$', values: ['CREATED', 'SEEN'] },
  signOut: { message: 'Sign out' },

  exportTitle: { message: 'Your data' },
  exportExplained: { message: 'Your account, your groups and every message you can see, as one JSON file.' },
  exportPreparing: { message: 'Preparing…' },
  exportDownload: { message: 'Download my data' },

  deleteTitle: { message: 'Delete account' },
  deleteOpen: { message: 'Delete my account…' },
  deleteExplained: {
    message:
      'Your account ends for good: you are signed out everywhere, you leave your groups (those you run pass to their longest-standing member) and nobody can take your name. Your messages stay, unless you erase them below.',
  },
  yourPassword: { message: 'Your password' },
  deleteErase: { message: 'Also erase the text of every message I sent' },
  deleteConfirm: { message: 'Delete my account for good' },

  shortcutsTitle: { message: 'Keyboard shortcuts' },
  shortcutNotSet: { message: 'not set', description: 'Shown instead of a key for a browser shortcut nobody assigned.' },
  shortcutOpenPopup: { message: 'Open the ChatRoom popup' },
  shortcutQuickSwitch: { message: 'Jump to a conversation or person, or search messages' },
  shortcutNext: { message: 'Next conversation' },
  shortcutPrevious: { message: 'Previous conversation' },
  shortcutNextUnread: { message: 'Next conversation with unread messages' },
  shortcutBack: { message: 'Back to the list' },
  shortcutSend: { message: 'Send / new line in the message box' },
  shortcutEditLast: { message: 'Edit your last message (in an empty message box)' },
  omniboxHowTo: { message: 'In the address bar, type $KEYWORD$, a space, a conversation’s name and your message, then Enter.', values: ['KEYWORD'] },
  changeBrowserShortcuts: { message: 'Change the browser’s shortcuts' },
  notifyAnnouncement: { message: 'Announcement' },
  notifyMentionedIn: { message: '$SENDER$ mentioned you in $ROOM$', values: ['SENDER', 'ROOM'] },
  notifyIn: { message: '$SENDER$ in $ROOM$', values: ['SENDER', 'ROOM'] },
  notifyNewMessages: { message: '$COUNT$ new messages', values: ['COUNT'], description: 'Always two or more.' },
  notifyNewMentions: { message: '$COUNT$ new mentions', values: ['COUNT'], description: 'Always two or more.' },
  notificationReply: { message: 'Reply' },
  notificationMarkRead: { message: 'Mark as read' },
  badgeTitle: { message: '$COUNT$ unread — $WHO$', values: ['COUNT', 'WHO'], description: 'The toolbar button’s tooltip; WHO is like “bob (1), Weekend (2)”.' },
  shareMenuTitle: { message: 'Send to ChatRoom' },
  shareMenuChoose: { message: 'Choose…' },
  omniboxChoose: { message: 'Start with a conversation’s name, then the message — or choose one below.' },
  omniboxAmbiguous: { message: 'More than one conversation is called “$NAME$”: choose one below.', values: ['NAME'] },
  omniboxWriteAfter: { message: 'Write the message after “$NAME$”.', values: ['NAME'] },
  omniboxSendTo: { message: 'Send to $NAME$: $MESSAGE$', values: ['NAME', 'MESSAGE'] },
  omniboxWriteTo: { message: 'Write to $NAME$…', values: ['NAME'] },
  omniboxLogInFirst: { message: 'Log in to ChatRoom first.' },
  omniboxNotSent: { message: 'Not sent' },
  omniboxNotSentTo: { message: 'Not sent to $NAME$', values: ['NAME'] },
  omniboxSentTo: { message: 'Sent to $NAME$', values: ['NAME'] },
  omniboxWillSendTo: { message: 'Will send to $NAME$', values: ['NAME'] },
  omniboxQueued: { message: '(The server cannot be reached; it goes as soon as it can.)' },

  // Look and feel (#13): day separators and the announcement banner.
  dayToday: { message: 'Today', description: 'A day separator above the messages sent today.' },
  dayYesterday: { message: 'Yesterday', description: 'A day separator above the messages sent yesterday.' },
  dismissAnnouncement: { message: 'Dismiss announcement', description: 'The ✕ button that hides the announcement banner until it changes.' },
} as const satisfies Catalog;

export type MessageKey = keyof typeof en;

/** The values a key's text takes, in order: strings, or `T` where they are put in place by the caller. */
export type MessageValues<K extends MessageKey, T = string> = (typeof en)[K] extends { values: infer V extends readonly string[] } ? Fill<V, T> : [];
type Fill<V extends readonly unknown[], T> = V extends readonly [unknown, ...infer Rest] ? [T, ...Fill<Rest, T>] : [];
