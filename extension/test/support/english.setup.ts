import { installEnglish } from './fake-i18n';

installEnglish();
