/**
 * One time format in the UI: the lifecycle panels' timestamps read like the history's and the
 * recovery screen's ("kl. 16.00" in Danish, "at 16:00" in English), in Copenhagen time, through
 * the pure core's formatter instead of a second hand-made "kl. 16:00".
 */
import { describe, expect, it } from 'vitest';
import { formatDanishTimestamp } from '../../common/domain/danishDates';
import { controlLocale } from '../../renderer/src/components/DateTimeFields';
import { formatTime } from '../../renderer/src/lifecycle/time';

describe('formatTime', () => {
  it('writes Danish timestamps with a full stop between hour and minute', () => {
    expect(formatTime('2017-12-12T15:00:00.000Z', 'da')).toBe('12. december 2017 kl. 16.00');
    expect(formatTime('2017-06-12T23:05:00Z', 'da')).toBe('13. juni 2017 kl. 01.05');
  });

  it('matches the history and recovery screens for every language', () => {
    const instant = '2026-03-29T00:59:00Z';
    expect(formatTime(instant, 'da')).toBe(formatDanishTimestamp(instant, 'da'));
    expect(formatTime(instant, 'en')).toBe('29 March 2026 at 01:59');
  });

  it('shows an unreadable value as it is', () => {
    expect(formatTime('not a time', 'da')).toBe('not a time');
  });
});

describe('controlLocale', () => {
  it('is Danish unless the UI is English (British date order, 24-hour clock)', () => {
    expect(controlLocale('da')).toBe('da-DK');
    expect(controlLocale('en')).toBe('en-GB');
    expect(controlLocale('en-US')).toBe('en-GB');
  });
});
