/**
 * Results and typed errors shared by every transport (Electron IPC, the HTTP host, the CLI).
 */
import { z } from 'zod';
import { describeIssue, type IssueText } from './issueText';

export const errorCodes = [
  /** The request's input failed validation; the message names the field. */
  'invalid_input',
  /** No such request in the contract. */
  'unknown_request',
  /** A record named by the request does not exist. */
  'not_found',
  /** The record changed since the caller read it, or the change contradicts other data. */
  'conflict',
  /** The meeting is approved or signed: its text can only receive corrections. */
  'locked',
  /** The caller (sender, origin, token) is not allowed. */
  'forbidden',
  /** An input file or payload is larger than the configured limit. */
  'too_large',
  /** A public export would publish personal data (CPR numbers). */
  'personal_data',
  /** The library was written by a newer Referat. */
  'library_newer',
  /** The file is not a Referat library or is damaged. */
  'library_corrupt',
  /** Another process holds the library and did not release it in time. */
  'busy',
  /** The user cancelled a dialog. */
  'cancelled',
  /** A file handed in (e.g. a PDF to verify) is damaged or cannot be read as what it claims to be. */
  'damaged_file',
  /** A bug: the message is safe to show, details are in the log. */
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
/** One of the error codes a request can answer with. */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/**
 * A message the UI shows in its own language: `key` names a text under `apiMessages` in the
 * renderer's translations, `values` fill it in (`count` chooses the plural form).
 */
export const localizedMessageSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.]*$/),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
/** See {@link localizedMessageSchema}. */
export type LocalizedMessage = z.infer<typeof localizedMessageSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** The message in the user's language, when the error has one (the English `message` stays). */
  localized: localizedMessageSchema.optional(),
  /** For invalid input: each problem with its field, in English and Danish (the UI's language). */
  issues: z.array(z.object({ path: z.string(), en: z.string(), da: z.string() })).optional(),
});
/** A typed error: a stable code for programs and a message for people. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The answer to every request. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An error raised by core or storage code that maps 1:1 to a typed API error. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  /** For invalid input: each problem in both languages (see issueText.ts). */
  readonly issueTexts: readonly IssueText[] | undefined;
  /** The message for the UI in the user's language (see {@link localizedMessageSchema}). */
  readonly localized?: LocalizedMessage;
  constructor(
    code: ErrorCode,
    message: string,
    localized?: LocalizedMessage,
    issueTexts?: readonly IssueText[],
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issueTexts = issueTexts;
    if (localized) this.localized = localized;
  }
}

/** True when `value` is a DomainError (also across realms, by shape). */
export function isDomainError(value: unknown): value is DomainError {
  return (
    value instanceof DomainError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'DomainError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/** Formats zod issues as one line per problem, each naming its path: "items[2].title: must not be empty". */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root = ''): string[] {
  return issues.map(
    (issue) => `${formatPath(issue.path, root) || '(input)'}: ${describeIssue(issue, 'en')}`,
  );
}

/** A JSON path like `agendaItems[3].bodies.decision`. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
