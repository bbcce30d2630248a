/**
 * The autosave queue. Every edit is scheduled under a key (one record or one body); edits to
 * the same key are merged and sent after a short debounce, one request per key at a time and
 * in order. The queue reports one overall status for the "Gemmer…" / "Gemt" indicator and
 * keeps failed edits so that "Prøv igen" (retry) or the next edit sends them again.
 */
import type { ApiError, Result } from '../../../common/contract/result';

/** How long an edit waits for further typing before it is sent (the brief allows at most 1 s). */
export const saveDebounceMs = 500;

/** The overall state shown to the user. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** A failed save, as listed under the status. */
export type SaveFailure = { key: string; error: ApiError };

export type SaveSnapshot = { state: SaveState; failures: readonly SaveFailure[] };

type Entry = {
  /** The edit waiting to be sent (already merged). */
  pending: unknown;
  hasPending: boolean;
  merge: (older: unknown, newer: unknown) => unknown;
  send: (payload: unknown) => Promise<Result<unknown>>;
  onSaved?: (value: unknown) => void;
  onFailed?: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout> | null;
  /** When the debounce of the latest edit ends (performance.now() time). */
  dueAt: number;
  inFlight: Promise<void> | null;
  failure: ApiError | null;
};

/** Options of one scheduled edit. */
export type ScheduleOptions<P, V> = {
  /** Sends the merged edit. */
  send: (payload: P) => Promise<Result<V>>;
  /** Combines an older unsent edit with a newer one; default: the newer replaces the older. */
  merge?: (older: P, newer: P) => P;
  onSaved?: (value: V) => void;
  onFailed?: (error: ApiError) => void;
  /** Send without waiting for the debounce (structural changes, blur). */
  isImmediate?: boolean;
};

/** Merges two partial patches of a record; the newer field values win. */
export function mergePatches<P extends object>(older: P, newer: P): P {
  return { ...older, ...newer };
}

export class SaveQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private running = 0;
  private hasSaved = false;
  private snapshot: SaveSnapshot = { state: 'idle', failures: [] };

  constructor(private readonly debounceMs = saveDebounceMs) {}

  /** Schedules an edit under `key`. */
  schedule<P, V>(key: string, payload: P, options: ScheduleOptions<P, V>): void {
    const existing = this.entries.get(key);
    const merge = (options.merge ?? ((_older: P, newer: P) => newer)) as Entry['merge'];
    const entry: Entry = existing ?? {
      pending: undefined,
      hasPending: false,
      merge,
      send: options.send as Entry['send'],
      timer: null,
      dueAt: 0,
      inFlight: null,
      failure: null,
    };
    entry.merge = merge;
    entry.send = options.send as Entry['send'];
    entry.onSaved = options.onSaved as Entry['onSaved'];
    entry.onFailed = options.onFailed;
    entry.pending = entry.hasPending ? entry.merge(entry.pending, payload) : payload;
    entry.hasPending = true;
    entry.failure = null;
    this.entries.set(key, entry);
    entry.dueAt = performance.now() + this.debounceMs;
    if (options.isImmediate) void this.flushKey(key);
    // A running timer is kept and only the deadline moves: one timer per pause in typing,
    // not a clearTimeout and setTimeout on every keystroke.
    else entry.timer ??= this.startTimer(key, entry, this.debounceMs);
    this.publish();
  }

  /** Sends the entry's edit once its deadline has passed, waiting again if it moved. */
  private startTimer(key: string, entry: Entry, delayMs: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      entry.timer = null;
      const remaining = entry.dueAt - performance.now();
      if (remaining > 0) entry.timer = this.startTimer(key, entry, remaining);
      else void this.flushKey(key);
    }, delayMs);
  }

  /**
   * Runs a structural request (create, move, delete) right away, after every pending edit has
   * been sent, so that the server sees changes in the order the user made them.
   */
  async run<V>(request: () => Promise<Result<V>>): Promise<Result<V>> {
    await this.flushAll();
    this.running += 1;
    this.publish();
    try {
      const result = await request();
      if (result.ok) this.hasSaved = true;
      return result;
    } finally {
      this.running -= 1;
      this.publish();
    }
  }

  /** Sends every pending edit now and waits until nothing is in flight. */
  async flushAll(): Promise<void> {
    for (;;) {
      const busy = [...this.entries.keys()].map((key) => this.flushKey(key));
      await Promise.all(busy);
      const isDone = [...this.entries.values()].every(
        (entry) => !entry.inFlight && (!entry.hasPending || entry.failure),
      );
      if (isDone) return;
    }
  }

  /** Sends again every edit that failed. */
  retry(): Promise<void> {
    for (const entry of this.entries.values()) entry.failure = null;
    this.publish();
    return this.flushAll();
  }

  /** Drops the unsent edit of a key (the user chose the saved version instead). */
  discard(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.hasPending = false;
    entry.pending = undefined;
    entry.failure = null;
    if (!entry.inFlight) this.entries.delete(key);
    this.publish();
  }

  /** True while an edit is unsent, in flight or failed. */
  hasUnsaved(): boolean {
    return (
      [...this.entries.values()].some((entry) => entry.hasPending || entry.inFlight) ||
      this.running > 0
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SaveSnapshot => this.snapshot;

  private flushKey(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.inFlight)
      return entry.inFlight.then(() =>
        entry.hasPending && !entry.failure ? this.flushKey(key) : undefined,
      );
    if (!entry.hasPending || entry.failure) return Promise.resolve();
    const payload = entry.pending;
    entry.pending = undefined;
    entry.hasPending = false;
    const flight = (async () => {
      let result: Result<unknown>;
      try {
        result = await entry.send(payload);
      } catch (error) {
        result = {
          ok: false,
          error: {
            code: 'internal',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
      if (result.ok) {
        this.hasSaved = true;
        entry.onSaved?.(result.value);
      } else {
        // Keep the failed edit under any newer one so that nothing typed is lost.
        entry.pending = entry.hasPending ? entry.merge(payload, entry.pending) : payload;
        entry.hasPending = true;
        entry.failure = result.error;
        entry.onFailed?.(result.error);
      }
    })();
    entry.inFlight = flight;
    this.publish();
    return flight.finally(() => {
      entry.inFlight = null;
      if (!entry.hasPending && !entry.failure) this.entries.delete(key);
      this.publish();
      if (entry.hasPending && !entry.failure && !entry.timer) return this.flushKey(key);
      return undefined;
    });
  }

  private publish(): void {
    const failures: SaveFailure[] = [];
    let isBusy = this.running > 0;
    for (const [key, entry] of this.entries) {
      if (entry.failure) failures.push({ key, error: entry.failure });
      else if (entry.hasPending || entry.inFlight) isBusy = true;
    }
    const state: SaveState =
      failures.length > 0 ? 'error' : isBusy ? 'saving' : this.hasSaved ? 'saved' : 'idle';
    const previous = this.snapshot;
    const isSame =
      previous.state === state &&
      previous.failures.length === failures.length &&
      previous.failures.every(
        (failure, index) =>
          failure.key === failures[index]?.key && failure.error === failures[index]?.error,
      );
    if (isSame) return;
    this.snapshot = { state, failures };
    for (const listener of this.listeners) listener();
  }
}
