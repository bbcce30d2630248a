/**
 * Search as you type: each keystroke schedules a query after a short pause; a newer keystroke
 * cancels the pending one, and the answer of any query that is no longer the newest is
 * dropped when it arrives (the main process answers every query quickly and in bounded time,
 * so cancelling means "never show it", not "stop the database"). No DOM, no React: the
 * search screen drives it and tests can too.
 */
export class LatestRequest<I, O> {
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param run sends one query; `requestId` grows with every request
   * @param deliver receives the answer of the newest request only
   * @param delayMs pause after the last keystroke before the query is sent
   */
  constructor(
    private readonly run: (input: I, requestId: number) => Promise<O>,
    private readonly deliver: (output: O, input: I) => void,
    private readonly delayMs = 150,
  ) {}

  /** Schedules `input`; anything earlier that is pending or running is cancelled. */
  request(input: I, options: { isImmediate?: boolean } = {}): number {
    this.sequence += 1;
    const requestId = this.sequence;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const send = () => {
      this.timer = null;
      void this.run(input, requestId).then((output) => {
        if (requestId === this.sequence) this.deliver(output, input);
      });
    };
    if (options.isImmediate || this.delayMs <= 0) send();
    else this.timer = setTimeout(send, this.delayMs);
    return requestId;
  }

  /** Cancels whatever is pending or running (e.g. when the screen closes). */
  cancel(): void {
    this.sequence += 1;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** True when `requestId` is still the newest request. */
  isCurrent(requestId: number): boolean {
    return requestId === this.sequence;
  }
}
