import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestRequest } from '../../renderer/src/search/latestRequest';

type Pending = { input: string; requestId: number; resolve: (value: string) => void };

function harness(delayMs = 150) {
  const sent: Pending[] = [];
  const delivered: string[] = [];
  const latest = new LatestRequest<string, string>(
    (input, requestId) =>
      new Promise<string>((resolve) => sent.push({ input, requestId, resolve })),
    (output) => delivered.push(output),
    delayMs,
  );
  return { latest, sent, delivered };
}

describe('LatestRequest (search as you type)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends only after the pause, and only the last keystroke', async () => {
    const { latest, sent } = harness();
    latest.request('i');
    latest.request('id');
    latest.request('idr');
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(149);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.input)).toEqual(['idr']);
  });

  it('drops the answer of a query overtaken by a newer one, even if it arrives last', async () => {
    const { latest, sent, delivered } = harness();
    latest.request('idr', { isImmediate: true });
    latest.request('idræt', { isImmediate: true });
    expect(sent.map((s) => s.requestId)).toEqual([1, 2]);
    sent[1]?.resolve('answer to idræt');
    sent[0]?.resolve('answer to idr');
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(['answer to idræt']);
    expect(latest.isCurrent(1)).toBe(false);
    expect(latest.isCurrent(2)).toBe(true);
  });

  it('cancel drops what is pending and running', async () => {
    const { latest, sent, delivered } = harness();
    latest.request('a', { isImmediate: true });
    latest.request('ab');
    latest.cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.map((s) => s.input)).toEqual(['a']);
    sent[0]?.resolve('late');
    await vi.runAllTimersAsync();
    expect(delivered).toEqual([]);
  });
});
