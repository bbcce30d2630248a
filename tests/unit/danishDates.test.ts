import { describe, expect, it } from 'vitest';
import {
  copenhagenOffsetMinutes,
  formatClockTime,
  formatDanishDate,
  formatDanishTimestamp,
  toCopenhagen,
} from '../../common/domain/danishDates';

describe('formatDanishDate', () => {
  it('writes the model document date the Danish way', () => {
    expect(formatDanishDate('2017-12-12')).toBe('12. december 2017');
  });

  it('writes single-digit days without a leading zero and every month name', () => {
    expect(formatDanishDate('2018-01-01')).toBe('1. januar 2018');
    expect(formatDanishDate('2018-03-05')).toBe('5. marts 2018');
    expect(formatDanishDate('2018-05-09')).toBe('9. maj 2018');
    expect(formatDanishDate('2018-10-31')).toBe('31. oktober 2018');
  });

  it('adds the weekday on request', () => {
    expect(formatDanishDate('2017-12-12', { isWithWeekday: true })).toBe(
      'tirsdag den 12. december 2017',
    );
    expect(formatDanishDate('2024-02-29', { isWithWeekday: true })).toBe(
      'torsdag den 29. februar 2024',
    );
  });

  it('has an English variant', () => {
    expect(formatDanishDate('2017-12-12', { language: 'en' })).toBe('12 December 2017');
    expect(formatDanishDate('2017-12-12', { language: 'en', isWithWeekday: true })).toBe(
      'Tuesday 12 December 2017',
    );
  });

  it('refuses values that are not real dates, naming the value', () => {
    expect(() => formatDanishDate('2017-02-29')).toThrow(/2017-02-29/);
    expect(() => formatDanishDate('12-12-2017')).toThrow(RangeError);
    expect(() => formatDanishDate('')).toThrow(RangeError);
  });
});

describe('Copenhagen time', () => {
  it('uses CET in winter and CEST in summer', () => {
    expect(toCopenhagen('2017-12-12T15:30:00Z')).toEqual({
      date: '2017-12-12',
      time: '16:30',
      offsetMinutes: 60,
    });
    expect(toCopenhagen('2018-06-01T12:00:00Z')).toEqual({
      date: '2018-06-01',
      time: '14:00',
      offsetMinutes: 120,
    });
  });

  it('switches exactly at 01:00 UTC on the last Sundays of March and October', () => {
    // 2024: summer time from 31 March to 27 October.
    expect(copenhagenOffsetMinutes(Date.parse('2024-03-31T00:59:59Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(Date.parse('2024-03-31T01:00:00Z'))).toBe(120);
    expect(copenhagenOffsetMinutes(Date.parse('2024-10-27T00:59:59Z'))).toBe(120);
    expect(copenhagenOffsetMinutes(Date.parse('2024-10-27T01:00:00Z'))).toBe(60);
  });

  it('agrees with the runtime time-zone database over a year of hours', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Copenhagen',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const start = Date.parse('2025-01-01T00:30:00Z');
    for (let hour = 0; hour < 366 * 24; hour += 7) {
      const millis = start + hour * 3_600_000;
      const parts = Object.fromEntries(
        format.formatToParts(millis).map((part) => [part.type, part.value]),
      );
      const local = toCopenhagen(millis);
      expect(`${local.date} ${local.time}`).toBe(
        `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`,
      );
    }
  });

  it('moves a late UTC evening to the next Copenhagen day', () => {
    expect(toCopenhagen('2017-12-31T23:30:00Z').date).toBe('2018-01-01');
  });

  it('formats timestamps in both languages', () => {
    expect(formatDanishTimestamp('2017-12-12T15:30:00Z')).toBe('12. december 2017 kl. 16.30');
    expect(formatDanishTimestamp('2017-12-12T15:30:00Z', 'en')).toBe('12 December 2017 at 16:30');
    expect(formatDanishTimestamp('2017-12-12T16:30:00+01:00')).toBe('12. december 2017 kl. 16.30');
  });

  it('refuses what is not a timestamp or a time', () => {
    expect(() => toCopenhagen('yesterday')).toThrow(/yesterday/);
    expect(() => formatClockTime('24:00')).toThrow(RangeError);
    expect(formatClockTime('09:05')).toBe('09.05');
  });
});
