/**
 * `referat`, the command line of Referat: `runCli(argv, io)` parses the arguments, runs one
 * command from the table (commands/index.ts) over the same core as the app (format module,
 * storage) and answers with an exit code. main.ts is the process entry around it.
 *
 * Exit codes: 0 success; 1 the command failed (missing file, invalid document, library
 * error, ...); 2 the command line is wrong. On failure exactly one line `referat: reason`
 * goes to stderr.
 */
import path from 'node:path';
import { version as packageVersion } from '../../../package.json';
import { describeError, isDomainError } from '../../../common/contract/result';
import type { RequestOutput } from '../../../common/contract/api';
import { createDispatcher, type Dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import type { HandlerContext } from '../api/types';
import { openLibrary, type Library } from '../storage/library';
import { damagedLibraryMessage, isRecoverableOpenError } from '../storage/recovery';
import { resolveLibraryPath } from '../paths';
import { DomainError } from '../../../common/contract/result';
import { statOrNull } from './files';
import { commands } from './commands/index';
import {
  UsageError,
  type CliCommand,
  type CliIo,
  type CommandContext,
  type OptionSpec,
} from './types';

export type { CliIo } from './types';

/** Options every command accepts, before or after the command name. */
const globalOptions: readonly OptionSpec[] = [
  {
    name: 'library',
    kind: 'value',
    valueName: 'PATH',
    description: "the library file (default: REFERAT_LIBRARY, else the app's own library)",
  },
  { name: 'help', kind: 'flag', description: 'show help (for a command: referat COMMAND --help)' },
  { name: 'version', kind: 'flag', description: 'show the version' },
];

const shortFlags: Readonly<Record<string, string>> = { '-h': 'help', '-V': 'version' };

/** The longest reason printed on the one stderr line. */
const maxReasonLength = 2000;

/** Runs the CLI once; never throws. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: { version?: string } = {},
): Promise<number> {
  const version = options.version ?? packageVersion;
  let library: Library | null = null;
  let dispatch: Dispatch<HandlerContext> | null = null;
  try {
    const line = parseCommandLine(argv);
    if (line.options.version === true) {
      io.stdout(`referat ${version}\n`);
      return 0;
    }
    if (line.command === null) {
      io.stdout(overallHelp());
      return 0;
    }
    if (line.options.help === true) {
      io.stdout(commandHelp(line.command));
      return 0;
    }
    const command = line.command;
    checkCommandLine(command, line);
    const libraryPath = resolveLibraryPath(asString(line.options.library), io.env, io.cwd);
    const ctx: CommandContext = {
      io,
      args: line.positionals,
      options: withDefaults(command, line.options),
      libraryPath,
      library: () => {
        if (library) return library;
        if (command.library === 'none')
          throw new Error(`${command.name} declared that it does not use the library`);
        if (command.library === 'existing' && !statOrNull(libraryPath)) {
          throw new DomainError(
            'not_found',
            `There is no library at ${libraryPath} (choose one with --library PATH or REFERAT_LIBRARY).`,
          );
        }
        try {
          library = openLibrary(libraryPath);
        } catch (error) {
          // One line naming the file and how to restore it (the file itself is left untouched).
          if (isRecoverableOpenError(error))
            throw new DomainError(error.code, damagedLibraryMessage(libraryPath, error));
          throw error;
        }
        return library;
      },
      request: async (name, input) => {
        dispatch ??= createDispatcher(createHandlers(ctx.library()), {
          log: (text) => io.stderr(`referat: ${text}\n`),
        });
        const result = await dispatch(name, input, { transport: 'cli' });
        if (!result.ok)
          throw new DomainError(result.error.code, result.error.message, result.error.localized, {
            ...(result.error.issues ? { issueTexts: result.error.issues } : {}),
            ...(result.error.details ? { details: result.error.details } : {}),
          });
        return result.value as RequestOutput<typeof name>;
      },
      resolvePath: (file) => path.resolve(io.cwd, file),
      version,
    };
    await command.run(ctx);
    return 0;
  } catch (error) {
    io.stderr(`referat: ${reasonOf(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    try {
      (library as Library | null)?.close();
    } catch {
      // Closing after a failure must not hide the failure.
    }
  }
}

type CommandLine = {
  command: CliCommand | null;
  positionals: string[];
  options: Record<string, string | true | string[]>;
};

/**
 * Splits argv into the command, its positional arguments and options. Global options may
 * come before or after the command; a command's own options only after it. `--name=value`
 * and `--name value` are both accepted; `--` ends the options.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let command: CliCommand | null = null;
  const positionals: string[] = [];
  const options: Record<string, string | true | string[]> = {};
  let isOptionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (!isOptionsEnded && token === '--') {
      isOptionsEnded = true;
      continue;
    }
    if (!isOptionsEnded && token.startsWith('-') && token !== '-') {
      const isLong = token.startsWith('--');
      const equals = token.indexOf('=');
      const name = isLong ? token.slice(2, equals === -1 ? undefined : equals) : shortFlags[token];
      if (name === undefined) throw new UsageError(`unknown option ${token}`);
      const spec = [...globalOptions, ...(command?.options ?? [])].find(
        (option) => option.name === name,
      );
      if (!spec) {
        const where = command ? ` for referat ${command.name}` : '';
        throw new UsageError(
          `unknown option --${name}${where} (see referat ${command ? `${command.name} ` : ''}--help)`,
        );
      }
      if (options[name] !== undefined && !spec.isRepeatable)
        throw new UsageError(`--${name} is given twice`);
      if (spec.kind === 'flag') {
        if (equals !== -1) throw new UsageError(`--${name} takes no value`);
        options[name] = true;
        continue;
      }
      let value: string | undefined;
      if (equals !== -1) value = token.slice(equals + 1);
      else {
        const next = argv[i + 1];
        // An option is never taken as a value: `--out --format json` is a mistake.
        if (next !== undefined && !(next.startsWith('--') && next.length > 2)) {
          value = next;
          i++;
        }
      }
      if (value === undefined || value === '')
        throw new UsageError(`--${name} needs a value (${spec.valueName ?? 'VALUE'})`);
      if (spec.values && !spec.values.includes(value)) {
        throw new UsageError(
          `--${name} must be one of ${spec.values.join(', ')}, not ${JSON.stringify(value)}`,
        );
      }
      const earlier = options[name];
      options[name] = spec.isRepeatable
        ? [...(Array.isArray(earlier) ? earlier : []), value]
        : value;
      continue;
    }
    if (command === null) {
      if (token === 'help') {
        const topic = argv.slice(i + 1).find((arg) => !arg.startsWith('-'));
        const target = topic === undefined ? undefined : findCommand(topic);
        return { command: target ?? null, positionals: [], options: { help: true } };
      }
      command = findCommand(token);
      continue;
    }
    positionals.push(token);
  }
  return { command, positionals, options };
}

function findCommand(name: string): CliCommand {
  const command = commands.find((candidate) => candidate.name === name);
  if (!command)
    throw new UsageError(
      `unknown command ${JSON.stringify(name)} (commands: ${commands.map((c) => c.name).join(', ')})`,
    );
  return command;
}

function checkCommandLine(command: CliCommand, line: CommandLine): void {
  const missing = command.positionals[line.positionals.length];
  if (missing && !missing.isOptional)
    throw new UsageError(`referat ${command.name} needs ${missing.name} (${usageOf(command)})`);
  const extra = line.positionals[command.positionals.length];
  if (extra !== undefined)
    throw new UsageError(`unexpected argument ${JSON.stringify(extra)} (${usageOf(command)})`);
  for (const option of command.options) {
    if (option.isRequired && line.options[option.name] === undefined) {
      throw new UsageError(
        `referat ${command.name} needs --${option.name} ${option.valueName ?? 'VALUE'}`,
      );
    }
  }
}

function withDefaults(
  command: CliCommand,
  given: Record<string, string | true | string[]>,
): Record<string, string | true | string[]> {
  const options = { ...given };
  for (const option of command.options) {
    if (options[option.name] === undefined && option.defaultValue !== undefined)
      options[option.name] = option.defaultValue;
  }
  return options;
}

function asString(value: string | true | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The one-line reason for a failure. Unexpected errors (bugs) say so. */
function reasonOf(error: unknown): string {
  let reason: string;
  if (isDomainError(error)) reason = describeError(error as DomainError);
  else if (error instanceof UsageError) reason = error.message;
  else if (error instanceof Error) reason = `internal error: ${error.message}`;
  else reason = `internal error: ${String(error)}`;
  const line = reason.replace(/\s*[\r\n]+\s*/g, '; ').trim();
  return line.length > maxReasonLength ? `${line.slice(0, maxReasonLength - 1)}…` : line;
}

// --- help ----------------------------------------------------------------------------------

function usageOf(command: CliCommand): string {
  const positionals = command.positionals
    .map((p) => (p.isOptional ? ` [${p.name}]` : ` ${p.name}`))
    .join('');
  const options = command.options
    .map((option) => {
      const text =
        option.kind === 'flag'
          ? `--${option.name}`
          : `--${option.name} ${option.valueName ?? 'VALUE'}`;
      const shown = option.isRepeatable ? `${text}...` : text;
      return option.isRequired ? ` ${shown}` : ` [${shown}]`;
    })
    .join('');
  return `referat [--library PATH] ${command.name}${positionals}${options}`;
}

function optionLines(options: readonly OptionSpec[]): string {
  return options
    .map((option) => {
      const head =
        option.kind === 'flag'
          ? `--${option.name}`
          : `--${option.name} ${option.valueName ?? 'VALUE'}`;
      return `  ${head.padEnd(24)} ${option.description}`;
    })
    .join('\n');
}

/** `referat --help`. */
export function overallHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    'referat: the command line of Referat, minutes for Danish municipal committees.',
    '',
    'Usage: referat [--library PATH] COMMAND [ARGUMENTS] [OPTIONS]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)} ${command.summary}`),
    '',
    'Options:',
    optionLines(globalOptions),
    '',
    "The library is --library PATH, else REFERAT_LIBRARY, else the app's own library",
    '(Linux: $XDG_DATA_HOME/Referat/library.sqlite or ~/.local/share/Referat/library.sqlite;',
    'Windows: %APPDATA%\\Referat\\library.sqlite; macOS: ~/Library/Application Support/Referat/library.sqlite).',
    '',
    'Exit codes: 0 success, 1 the command failed, 2 wrong command line. A failure prints one',
    'line "referat: reason" on standard error. "referat help COMMAND" shows a command\'s options.',
    '',
  ].join('\n');
}

/** `referat COMMAND --help`. */
export function commandHelp(command: CliCommand): string {
  const parts = [
    `Usage: ${usageOf(command)}`,
    '',
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
  ];
  if (command.positionals.length > 0) {
    parts.push(
      '',
      'Arguments:',
      ...command.positionals.map((p) => `  ${p.name.padEnd(24)} ${p.description}`),
    );
  }
  if (command.options.length > 0) parts.push('', 'Options:', optionLines(command.options));
  if (command.details) parts.push('', command.details());
  parts.push('', `Global options: --library PATH, --help, --version (see referat --help).`, '');
  return parts.join('\n');
}
