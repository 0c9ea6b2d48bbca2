import type { MessageKey } from '../locales/en';
import { t, uiLanguage } from '../platform/i18n';

const UNITS = ['sizeKilobytes', 'sizeMegabytes', 'sizeGigabytes', 'sizeTerabytes'] as const satisfies MessageKey[];

/**
 * A size in bytes as people read it: `512 B`, `1.5 KB`, `10 MB` (steps of 1024, one decimal below
 * 10), the number written the way the browser's language writes it (`1,5 KB` in German).
 */
export function formatBytes(bytes: number): string {
  const number = (value: number) => value.toLocaleString(uiLanguage(), { maximumFractionDigits: 1, useGrouping: false });
  if (bytes < 1024) return t('sizeBytes', number(bytes));
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return t(UNITS[unit] ?? 'sizeTerabytes', number(rounded));
}
