/**
 * The shapes shared by the `referat` command line: how a command, an export format and an
 * import kind describe themselves, and what they receive when they run.
 *
 * To add a command: write `commands/<name>.ts` exporting a `CliCommand` and add it to the
 * table in `commands/index.ts`. To add an export format (`export --format pdf`): write
 * `exports/<format>.ts` exporting an `ExportFormat` and add it to `exports/index.ts`. To
 * import another kind of input (`import FILE.zip`): write `imports/<kind>.ts` exporting an
 * `Importer` and add it to `imports/index.ts` before the JSON importer (the fallback).
 */
import type { RequestInput, RequestName, RequestOutput } from '../../../common/contract/api';
import type { OnExisting } from '../storage/interchange';
import type { Library } from '../storage/library';

/** Where the CLI writes and what it knows about its process (tests pass their own). */
export type CliIo = {
  /** Normal output (text or bytes, e.g. `export --out -`). */
  stdout: (chunk: string | Uint8Array) => void;
  /** Diagnostics: the one `referat: reason` line on failure. */
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Relative paths in arguments are resolved against this folder. */
  cwd: string;
};

/** An option a command accepts (`--name VALUE` / `--name=VALUE`, or a flag `--name`). */
export type OptionSpec = {
  name: string;
  /** `value` options take one argument; `flag` options take none. */
  kind: 'value' | 'flag';
  /** Shown in help, e.g. `FILE`. */
  valueName?: string;
  /** When set, the value must be one of these. */
  values?: readonly string[];
  /** Used when the option is not given (value options only). */
  defaultValue?: string;
  /** Refuse the command line when the option is missing. */
  isRequired?: boolean;
  /** A value option that may be given more than once; its values arrive as a list. */
  isRepeatable?: boolean;
  description: string;
};

/** A positional argument a command takes, in order. */
export type PositionalSpec = {
  name: string;
  description: string;
  /** May be left out (only the last ones); the command then checks what it needs instead. */
  isOptional?: boolean;
};

/** The parsed options of one run: value options as strings (lists when repeatable), flags as `true`. */
export type ParsedOptions = Readonly<Record<string, string | true | readonly string[] | undefined>>;

/**
 * How a command uses the library: `none` (does not open it), `existing` (must already
 * exist: reading commands never create a library by accident) or `create` (created when
 * missing, e.g. the first import).
 */
export type LibraryUse = 'none' | 'existing' | 'create';

/** What a command receives when it runs. */
export type CommandContext = {
  io: CliIo;
  /** Positional arguments after the command name, checked against `positionals`. */
  args: readonly string[];
  options: ParsedOptions;
  /** The library path chosen by --library, REFERAT_LIBRARY or the app's default. */
  libraryPath: string;
  /** Opens the library on first use (as the command's `library` says); closed by the CLI afterwards. */
  library: () => Library;
  /**
   * Calls an API request through the dispatcher with the `cli` transport (the library opened as
   * `library` does): the input is validated as for the app, the value is answered and a failure
   * is thrown as a DomainError. Commands use it wherever a request exists.
   */
  request: <N extends RequestName>(name: N, input: RequestInput<N>) => Promise<RequestOutput<N>>;
  /** Resolves a path argument against the working directory. */
  resolvePath: (file: string) => string;
  version: string;
};

/** One command of the command table. */
export type CliCommand = {
  name: string;
  /** One line for `referat --help`. */
  summary: string;
  positionals: readonly PositionalSpec[];
  options: readonly OptionSpec[];
  library: LibraryUse;
  /** Extra help text (formats, examples), shown by `referat help NAME`. */
  details?: () => string;
  run: (ctx: CommandContext) => Promise<void> | void;
};

/** One `export --format` choice. */
export type ExportFormat = {
  name: string;
  description: string;
  /** Options only this format accepts (e.g. `--edition` for pdf); merged into `export`'s options. */
  options?: readonly OptionSpec[];
  /** Whether `--out -` (standard output) makes sense for this format. */
  canWriteToStdout: boolean;
  run: (ctx: CommandContext, target: { meetingId: string; out: string }) => Promise<void> | void;
};

/** One kind of input `import` understands. */
export type Importer = {
  name: string;
  description: string;
  /** True when this importer handles `file` (an existing path). The first match is used. */
  matches: (file: string, stat: { isFile: boolean; isDirectory: boolean }) => boolean;
  run: (
    ctx: CommandContext,
    source: { file: string; onExisting: OnExistingChoice },
  ) => Promise<void> | void;
};

/** `--on-existing` as typed on the command line. */
export type OnExistingChoice = 'refuse' | 'keep-both' | 'replace';
export const onExistingChoices: readonly OnExistingChoice[] = ['refuse', 'keep-both', 'replace'];
/** What an importer does with a meeting already in the library, for each `--on-existing` choice. */
export const onExistingOf: Readonly<Record<OnExistingChoice, OnExisting>> = {
  refuse: 'refuse',
  'keep-both': 'keepBoth',
  replace: 'replace',
};

/** A wrong command line: answered with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
