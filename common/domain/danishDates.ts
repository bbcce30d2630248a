/**
 * Date formatting for the minutes and the UI: Danish long dates ("12. december 2017"), their
 * English counterparts ("12 December 2017"), and timestamps shown in Europe/Copenhagen time.
 *
 * Pure core: the Copenhagen offset is computed from the EU summer-time rule instead of the
 * runtime's time-zone database, so the result is the same in Node, Chromium and Electron.
 */
import { isValidIsoDate } from './model';
import type { Lang } from './lang';

/** The languages the UI and the exports are written in. */
export type DateLanguage = Lang;

const monthNames: Record<DateLanguage, readonly string[]> = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Weekday names starting with Sunday (the index of `Date.getUTCDay`). */
const weekdayNames: Record<DateLanguage, readonly string[]> = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** Options of {@link formatDanishDate}. */
export type DateFormatOptions = {
  /** Prefix the weekday: "tirsdag den 12. december 2017" / "Tuesday 12 December 2017". */
  isWithWeekday?: boolean;
  /** Language of month and weekday names; Danish by default. */
  language?: DateLanguage;
};

/**
 * Formats an ISO calendar date (YYYY-MM-DD) as a long date: "12. december 2017" in Danish,
 * "12 December 2017" in English. Throws a RangeError naming the value when it is not a real date.
 */
export function formatDanishDate(isoDate: string, options: DateFormatOptions = {}): string {
  const parts = parseIsoDate(isoDate);
  const language = options.language ?? 'da';
  const month = monthNames[language][parts.month - 1] ?? '';
  const date =
    language === 'da'
      ? `${parts.day}. ${month} ${parts.year}`
      : `${parts.day} ${month} ${parts.year}`;
  if (!options.isWithWeekday) return date;
  const weekday = weekdayNames[language][weekdayOf(parts.year, parts.month, parts.day)] ?? '';
  return language === 'da' ? `${weekday} den ${date}` : `${weekday} ${date}`;
}

/** Formats a clock time "16:30" the Danish way "16.30" (English keeps "16:30"). */
export function formatClockTime(time: string, language: DateLanguage = 'da'): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
    throw new RangeError(`"${time}" is not a time written HH:MM`);
  return language === 'da' ? time.replace(':', '.') : time;
}

/** A local date and time in Copenhagen. */
export type CopenhagenDateTime = { date: string; time: string; offsetMinutes: number };

/**
 * Converts an instant (an ISO 8601 timestamp with offset, or epoch milliseconds) to the local
 * date (YYYY-MM-DD) and time (HH:MM) in Europe/Copenhagen, with the offset that applied.
 */
export function toCopenhagen(instant: string | number): CopenhagenDateTime {
  const millis = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(millis)) throw new RangeError(`"${String(instant)}" is not a timestamp`);
  const offsetMinutes = copenhagenOffsetMinutes(millis);
  const local = new Date(millis + offsetMinutes * 60_000);
  const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
  const time = `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
  return { date, time, offsetMinutes };
}

/**
 * Formats an instant as a Copenhagen local date and time: "12. december 2017 kl. 16.30" in
 * Danish, "12 December 2017 at 16:30" in English.
 */
export function formatDanishTimestamp(
  instant: string | number,
  language: DateLanguage = 'da',
): string {
  const local = toCopenhagen(instant);
  const date = formatDanishDate(local.date, { language });
  return language === 'da'
    ? `${date} kl. ${formatClockTime(local.time, 'da')}`
    : `${date} at ${formatClockTime(local.time, 'en')}`;
}

/**
 * The UTC offset of Europe/Copenhagen at an instant: +60 minutes (CET), or +120 (CEST) from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (EU rule
 * since 1996, which covers every meeting Referat will hold).
 */
export function copenhagenOffsetMinutes(millis: number): number {
  const year = new Date(millis).getUTCFullYear();
  const summerStart = Date.UTC(year, 2, lastSundayOf(year, 3), 1);
  const summerEnd = Date.UTC(year, 9, lastSundayOf(year, 10), 1);
  return millis >= summerStart && millis < summerEnd ? 120 : 60;
}

/** Today's date in Copenhagen as YYYY-MM-DD. */
export function copenhagenToday(nowMillis: number): string {
  return toCopenhagen(nowMillis).date;
}

function parseIsoDate(isoDate: string): { year: number; month: number; day: number } {
  if (!isValidIsoDate(isoDate))
    throw new RangeError(`"${isoDate}" is not a date written YYYY-MM-DD`);
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Day of the month of the last Sunday of `month` (1-12). */
function lastSundayOf(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
