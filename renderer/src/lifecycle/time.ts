import { formatDanishDate } from '../../../common/domain/danishDates';
import { dateLanguage } from '../i18n';

/** "12. december 2017 kl. 14:05" (Europe/Copenhagen) for an ISO timestamp. */
export function formatTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const lang = dateLanguage(language);
  const day = formatDanishDate(`${part('year')}-${part('month')}-${part('day')}`, {
    language: lang,
  });
  return `${day} ${lang === 'en' ? 'at' : 'kl.'} ${part('hour')}:${part('minute')}`;
}
