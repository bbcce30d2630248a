import { formatDanishTimestamp } from '../../../common/domain/danishDates';
import { dateLanguage } from '../i18n';

/**
 * "12. december 2017 kl. 14.05" (Europe/Copenhagen) for an ISO timestamp: the one time format of
 * the UI, through the pure core's {@link formatDanishTimestamp}. An unreadable value is shown as is.
 */
export function formatTime(iso: string, language: string): string {
  if (!Number.isFinite(Date.parse(iso))) return iso;
  return formatDanishTimestamp(iso, dateLanguage(language));
}
