import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../common/contract/result';
import { mergePatches, SaveQueue } from '../../renderer/src/save/saveQueue';

type Patch = Record<string, unknown>;

/** A fake transport that records what was sent and answers as told. */
function recorder<P = Patch>(answers: Array<Result<unknown>> = []) {
  const sent: P[] = [];
  return {
    sent,
    send: async (patch: P): Promise<Result<unknown>> => {
      sent.push(patch);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return answers.shift() ?? { ok: true, value: patch };
    },
  };
}

describe('SaveQueue', () => {
  it('merges edits of one record typed within the debounce into one request', async () => {
    const queue = new SaveQueue(20);
    const transport = recorder();
    queue.schedule('item:1', { title: 'V' }, { send: transport.send, merge: mergePatches });
    queue.schedule('item:1', { title: 'Velkomst' }, { send: transport.send, merge: mergePatches });
    queue.schedule('item:1', { caseId: 'EMN-1' }, { send: transport.send, merge: mergePatches });
    expect(queue.getSnapshot().state).toBe('saving');
    await queue.flushAll();
    expect(transport.sent).toEqual([{ title: 'Velkomst', caseId: 'EMN-1' }]);
    expect(queue.getSnapshot().state).toBe('saved');
    expect(queue.hasUnsaved()).toBe(false);
  });

  it('sends after the debounce without a flush', async () => {
    const queue = new SaveQueue(10);
    const transport = recorder();
    queue.schedule('meeting:1', { location: 'Rådhuset' }, { send: transport.send });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(transport.sent).toEqual([{ location: 'Rådhuset' }]);
    expect(queue.getSnapshot().state).toBe('saved');
  });

  it('sends once after a pause in typing, however long the typing goes on before it', async () => {
    vi.useFakeTimers();
    try {
      const queue = new SaveQueue(100);
      const transport = recorder<string>();
      for (let keystroke = 0; keystroke < 10; keystroke++) {
        queue.schedule('body:1', `v${keystroke}`, { send: transport.send });
        await vi.advanceTimersByTimeAsync(60);
      }
      expect(transport.sent).toEqual([]);
      await vi.advanceTimersByTimeAsync(100);
      expect(transport.sent).toEqual(['v9']);
      expect(queue.hasUnsaved()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a failed edit under newer ones and sends it again on retry', async () => {
    const queue = new SaveQueue(5);
    const transport = recorder([{ ok: false, error: { code: 'busy', message: 'in use' } }]);
    queue.schedule('item:1', { title: 'A' }, { send: transport.send, merge: mergePatches });
    await queue.flushAll();
    expect(queue.getSnapshot()).toEqual({
      state: 'error',
      failures: [{ key: 'item:1', error: { code: 'busy', message: 'in use' } }],
    });
    expect(queue.hasUnsaved()).toBe(true);
    queue.schedule('item:1', { caseId: 'X' }, { send: transport.send, merge: mergePatches });
    await queue.flushAll();
    expect(transport.sent).toEqual([{ title: 'A' }, { title: 'A', caseId: 'X' }]);
    expect(queue.getSnapshot().state).toBe('saved');
  });

  it('retry sends what failed', async () => {
    const queue = new SaveQueue(5);
    const transport = recorder<string>([
      { ok: false, error: { code: 'internal', message: 'down' } },
    ]);
    queue.schedule('body:1', 'text', {
      send: transport.send,
    });
    await queue.flushAll();
    expect(queue.getSnapshot().state).toBe('error');
    await queue.retry();
    expect(transport.sent).toEqual(['text', 'text']);
    expect(queue.getSnapshot().state).toBe('saved');
  });

  it('sends one key in order: an edit made while a request is in flight goes after it', async () => {
    const queue = new SaveQueue(1);
    const transport = recorder<string>();
    queue.schedule('body:1', 'first', {
      send: transport.send,
      isImmediate: true,
    });
    queue.schedule('body:1', 'second', {
      send: transport.send,
    });
    await queue.flushAll();
    expect(transport.sent).toEqual(['first', 'second']);
  });

  it('runs structural requests after the pending edits', async () => {
    const queue = new SaveQueue(1000);
    const order: string[] = [];
    queue.schedule(
      'item:1',
      { title: 'A' },
      {
        send: async () => {
          order.push('edit');
          return { ok: true, value: null };
        },
      },
    );
    await queue.run(async () => {
      order.push('move');
      return { ok: true, value: null };
    });
    expect(order).toEqual(['edit', 'move']);
  });

  it('discard drops an unsent edit', async () => {
    const queue = new SaveQueue(5);
    const transport = recorder([{ ok: false, error: { code: 'conflict', message: 'changed' } }]);
    queue.schedule('body:1', { text: 'mine' }, { send: transport.send });
    await queue.flushAll();
    queue.discard('body:1');
    expect(queue.hasUnsaved()).toBe(false);
    await queue.flushAll();
    expect(transport.sent).toEqual([{ text: 'mine' }]);
  });

  it('tells subscribers when the state changes', async () => {
    const queue = new SaveQueue(1);
    const states: string[] = [];
    queue.subscribe(() => states.push(queue.getSnapshot().state));
    queue.schedule('x', 1, { send: async () => ({ ok: true, value: null }) });
    await queue.flushAll();
    expect(states[0]).toBe('saving');
    expect(states.at(-1)).toBe('saved');
  });
});
