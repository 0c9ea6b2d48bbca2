import type { Translation } from './catalog';
import type { en } from './en';

/** German: every English key (see catalog.ts). */
export const de: Translation<typeof en> = {
  extName: 'ChatRoom',
  extDescription: 'Chatten auf einem selbst betriebenen ChatRoom-Server, im Popup der Symbolleiste oder in der Seitenleiste.',
  openSidePanelCommand: 'ChatRoom in der Seitenleiste öffnen',
  openSidebarCommand: 'ChatRoom in der Sidebar öffnen',

  loading: 'Wird geladen…',
  cancel: 'Abbrechen',

  settingsTitle: 'ChatRoom-Einstellungen',
  serverAddress: 'Serveradresse',
  serverAddressInvalid: 'Geben Sie eine vollständige Adresse ein, etwa http://localhost:5003.',
  serverPermissionRefused: 'Die Erweiterung braucht die Berechtigung, $ORIGIN$ zu erreichen.',
  serverChangeLogsOut: 'Wenn Sie den Server wechseln, werden Sie beim bisherigen abgemeldet.',
  save: 'Speichern',
  saved: 'Gespeichert.',
  desktopNotifications:
    'Desktop-Benachrichtigungen: eine Nachricht, die Sie betrifft (nach Benachrichtigungsstufe und Stummschaltung jeder Unterhaltung), während ihre Unterhaltung nicht zu sehen ist, und Ankündigungen, während ChatRoom geschlossen ist; Schlummern hält sie zurück',
  yourAccount: 'Ihr Konto',
  signedInAs: 'Angemeldet als $USER$ auf $SERVER$.',
  logInFromToolbar: 'Melden Sie sich über die ChatRoom-Schaltfläche in der Symbolleiste an, um Ihr Konto hier zu verwalten.',

  privacyTitle: 'Privatsphäre',
  shareReadReceipts: 'Lesebestätigungen teilen: andere sehen „Gesehen“, sobald Sie ihre Nachrichten gelesen haben',
  shareTyping: 'Tippen anzeigen: andere sehen „schreibt…“, während Sie ihnen schreiben',

  passwordTitle: 'Passwort',
  currentPassword: 'Aktuelles Passwort',
  newPassword: 'Neues Passwort',
  newPasswordAgain: 'Neues Passwort wiederholen',
  changePassword: 'Passwort ändern',
  passwordsDiffer: 'Die beiden neuen Passwörter stimmen nicht überein.',
  passwordChanged: 'Passwort geändert. Ihre anderen Sitzungen sind abgemeldet.',

  sessionsTitle: 'Wo Sie angemeldet sind',
  sessionsLabel: 'Sitzungen',
  thisBrowser: 'Dieser Browser',
  sessionTimes: 'Angemeldet $CREATED$, zuletzt aktiv $SEEN$',
  signOut: 'Abmelden',

  exportTitle: 'Ihre Daten',
  exportExplained: 'Ihr Konto, Ihre Gruppen und jede Nachricht, die Sie sehen können, als eine JSON-Datei.',
  exportPreparing: 'Wird vorbereitet…',
  exportDownload: 'Meine Daten herunterladen',

  deleteTitle: 'Konto löschen',
  deleteOpen: 'Mein Konto löschen…',
  deleteExplained:
    'Ihr Konto endet endgültig: Sie werden überall abgemeldet, verlassen Ihre Gruppen (die Sie leiten, gehen an das am längsten dabei gebliebene Mitglied) und niemand kann Ihren Namen übernehmen. Ihre Nachrichten bleiben, außer Sie löschen sie unten.',
  yourPassword: 'Ihr Passwort',
  deleteErase: 'Auch den Text jeder Nachricht löschen, die ich gesendet habe',
  deleteConfirm: 'Mein Konto endgültig löschen',

  shortcutsTitle: 'Tastenkürzel',
  shortcutNotSet: 'nicht festgelegt',
  shortcutOpenPopup: 'Das ChatRoom-Popup öffnen',
  shortcutQuickSwitch: 'Zu einer Unterhaltung oder Person springen oder Nachrichten suchen',
  shortcutNext: 'Nächste Unterhaltung',
  shortcutPrevious: 'Vorherige Unterhaltung',
  shortcutNextUnread: 'Nächste Unterhaltung mit ungelesenen Nachrichten',
  shortcutBack: 'Zurück zur Liste',
  shortcutSend: 'Senden / neue Zeile im Nachrichtenfeld',
  shortcutEditLast: 'Die eigene letzte Nachricht bearbeiten (in einem leeren Nachrichtenfeld)',
  omniboxHowTo: 'Tippen Sie in der Adressleiste $KEYWORD$, ein Leerzeichen, den Namen einer Unterhaltung und Ihre Nachricht, dann Enter.',
  changeBrowserShortcuts: 'Tastenkürzel des Browsers ändern',
};
