/**
 * The one wrapper around every API handler, shared by both transports (Electron IPC and the
 * local HTTP host) and usable by the CLI: it resolves the request name, validates the input
 * against the contract, runs the handler and maps whatever it throws to a typed error.
 * A dispatch never throws and never answers with anything but a `Result`.
 */
import type { z } from 'zod';
import {
  api,
  isRequestName,
  type Api,
  type RequestName,
  type RequestOutput,
} from '../../../common/contract/api';
import { issueTexts } from '../../../common/contract/issueText';
import {
  DomainError,
  formatIssues,
  isDomainError,
  type ApiError,
  type Result,
} from '../../../common/contract/result';

/** The parsed (validated) input a handler receives. */
export type HandlerInput<N extends RequestName> = z.output<Api[N]['input']>;

/** One handler: validated input and the transport's context in, the output value out. */
export type RequestHandler<N extends RequestName, Ctx> = (
  input: HandlerInput<N>,
  ctx: Ctx,
) => RequestOutput<N> | Promise<RequestOutput<N>>;

/** A handler for every request of the contract. */
export type HandlerMap<Ctx> = { [N in RequestName]: RequestHandler<N, Ctx> };

/** Calls one request by name; the name and input come from outside and are not trusted. */
export type Dispatch<Ctx> = (name: unknown, input: unknown, ctx: Ctx) => Promise<Result<unknown>>;

export type DispatcherOptions = {
  /**
   * Check every output against the contract's output schema. A mismatch is a bug and answers
   * `internal`. Default: on unless NODE_ENV is `production`.
   */
  isValidatingOutput?: boolean;
  /** Where error details go (never to the caller). Default: one line to stderr. */
  log?: (line: string) => void;
};

/** The message every unexpected failure answers with; details go to the log only. */
export const internalErrorMessage = 'An internal error occurred. Details were written to the log.';

/**
 * Creates the dispatcher over a complete set of handlers.
 *
 * Error mapping: `DomainError` → its code and message; a zod error raised inside a handler →
 * `invalid_input` listing every issue with its path; SQLite `SQLITE_BUSY`/`SQLITE_LOCKED` →
 * `busy`; anything else → `internal` with a safe message, the details (never the input, which
 * may hold passwords) logged.
 */
export function createDispatcher<Ctx>(
  handlers: HandlerMap<Ctx>,
  options: DispatcherOptions = {},
): Dispatch<Ctx> {
  const isValidatingOutput = options.isValidatingOutput ?? process.env.NODE_ENV !== 'production';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  return async function dispatch(name, input, ctx) {
    try {
      return await dispatchChecked(name, input, ctx);
    } catch (error) {
      // Reached only by what escapes the steps below (an input whose getters throw, a value
      // that cannot even be described); the caller still gets a typed answer.
      return { ok: false, error: safeMapError(typeof name === 'string' ? name : '?', error, log) };
    }
  };

  async function dispatchChecked(
    name: unknown,
    input: unknown,
    ctx: Ctx,
  ): Promise<Result<unknown>> {
    if (!isRequestName(name)) {
      return failure('unknown_request', `Unknown request ${describeName(name)}.`);
    }
    const handler = handlers[name] as RequestHandler<RequestName, Ctx> | undefined;
    if (typeof handler !== 'function') {
      return failure('unknown_request', `The request ${name} is not available.`);
    }
    const schemas = api[name];
    // Checked without recursion before zod walks the input recursively (a 50,000-deep list
    // overflowed the stack there).
    const excess = checkInputLimits(input);
    if (excess) return failure(excess.code, `Invalid input for ${name}: ${excess.message}`);
    const parsed = await schemas.input.safeParseAsync(input === undefined ? {} : input);
    if (!parsed.success) {
      return failure(
        'invalid_input',
        `Invalid input for ${name}: ${formatIssues(parsed.error.issues).join('; ')}`,
        issueTexts(parsed.error.issues),
      );
    }
    let value: unknown;
    try {
      value = await handler(parsed.data as HandlerInput<RequestName>, ctx);
    } catch (error) {
      return { ok: false, error: safeMapError(name, error, log) };
    }
    if (isValidatingOutput) {
      const checked = await schemas.output.safeParseAsync(value);
      if (!checked.success) {
        log(
          `referat: ${name} answered an output that breaks the contract: ${formatIssues(checked.error.issues).join('; ')}`,
        );
        return failure('internal', internalErrorMessage);
      }
    }
    return { ok: true, value };
  }
}

/** The limits every API input is checked against before validation. */
export const inputLimits = {
  /**
   * Arrays and objects inside one another: the deepest legitimate input, a rich-text body with
   * lists nested `maxListDepth` (12) levels, is about 40 levels deep.
   */
  maxDepth: 64,
  /** Keys of one object. */
  maxKeys: 10_000,
  /** Values (arrays, objects, strings, numbers, ...) in the whole input. */
  maxValues: 2_000_000,
} as const;

/** Why an input breaks {@link inputLimits}, or null when it keeps them. */
export type InputLimitExcess = { code: 'invalid_input' | 'too_large'; message: string };

/**
 * Checks `input` against {@link inputLimits} with an explicit stack (no recursion, so any
 * depth is safe). Only arrays and plain objects are entered; reading a key may throw (a getter
 * or a proxy), which the caller catches.
 */
export function checkInputLimits(input: unknown): InputLimitExcess | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    values += 1;
    if (values > inputLimits.maxValues)
      return {
        code: 'too_large',
        message: `the input holds more than ${inputLimits.maxValues} values.`,
      };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > inputLimits.maxDepth)
      return {
        code: 'invalid_input',
        message: `the input is nested more than ${inputLimits.maxDepth} levels deep.`,
      };
    if (Array.isArray(value)) {
      if (value.length > inputLimits.maxValues)
        return {
          code: 'too_large',
          message: `the input holds more than ${inputLimits.maxValues} values.`,
        };
      for (const item of value as unknown[]) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > inputLimits.maxKeys)
      return {
        code: 'too_large',
        message: `an object of the input has more than ${inputLimits.maxKeys} keys.`,
      };
    for (const key of keys)
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
  }
  return null;
}

/** {@link mapError} that cannot throw itself: a value hostile to inspection answers `internal`. */
function safeMapError(name: string, error: unknown, log: (line: string) => void): ApiError {
  try {
    return mapError(name, error, log);
  } catch {
    try {
      log(`referat: internal error in ${name}: (a thrown value that could not be inspected)`);
    } catch {
      /* a failing log must not turn into a thrown dispatch */
    }
    return { code: 'internal', message: internalErrorMessage };
  }
}

/** Maps anything a handler threw to a typed error; logs what the caller must not see. */
export function mapError(name: string, error: unknown, log: (line: string) => void): ApiError {
  if (isDomainError(error)) {
    const { code, message, localized, issueTexts } = error as DomainError;
    return {
      code,
      message,
      ...(issueTexts && issueTexts.length > 0 ? { issues: [...issueTexts] } : {}),
      ...(localized ? { localized } : {}),
    };
  }
  if (isZodError(error)) {
    return {
      code: 'invalid_input',
      message: `Invalid input for ${name}: ${formatIssues(error.issues).join('; ')}`,
      issues: issueTexts(error.issues),
    };
  }
  const sqliteCode =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof sqliteCode === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode)) {
    return {
      code: 'busy',
      message: 'The library is in use by another program. Try again in a moment.',
    };
  }
  const details =
    error instanceof Error
      ? (error.stack ?? `${error.name}: ${error.message}`)
      : describeThrown(error);
  log(`referat: internal error in ${name}: ${details}`);
  return { code: 'internal', message: internalErrorMessage };
}

function failure(
  code: ApiError['code'],
  message: string,
  issues?: ApiError['issues'],
): Result<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

function isZodError(error: unknown): error is { issues: z.core.$ZodIssue[] } {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'ZodError' ||
      (error as { name?: unknown }).name === '$ZodError') &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/** A request name as safe, short text for a message (it comes from outside). */
function describeName(name: unknown): string {
  if (typeof name !== 'string')
    return `(a ${name === null ? 'null' : typeof name} instead of a name)`;
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(shown);
}

function describeThrown(error: unknown): string {
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
