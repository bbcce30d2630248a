/** `referat export MEETING_ID --format FORMAT --out FILE` (FORMAT from the table in exports/index.ts). */
import { UsageError, type CliCommand, type OptionSpec } from '../types';
import { exportFormats } from '../exports/index';

const commonOptions: OptionSpec[] = [
  {
    name: 'format',
    kind: 'value',
    valueName: 'FORMAT',
    values: exportFormats.map((format) => format.name),
    defaultValue: 'json',
    description: `what to write: ${exportFormats.map((format) => format.name).join(', ')} (default json)`,
  },
  {
    name: 'out',
    kind: 'value',
    valueName: 'FILE',
    isRequired: true,
    description: 'where to write; - for standard output',
  },
];

/** Options of one format that the others do not accept, by option name. */
const formatOnlyOptions: OptionSpec[] = uniqueByName(
  exportFormats.flatMap((format) => format.options ?? []),
);

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write a meeting to a file',
  positionals: [{ name: 'MEETING_ID', description: 'the meeting (see referat list)' }],
  options: [...commonOptions, ...formatOnlyOptions],
  library: 'existing',
  details: () =>
    `Formats:\n${exportFormats.map((f) => `  ${f.name.padEnd(8)} ${f.description}`).join('\n')}`,
  async run(ctx) {
    const formatName = String(ctx.options.format);
    const format = exportFormats.find((candidate) => candidate.name === formatName);
    if (!format) throw new UsageError(`unknown export format ${formatName}`);
    const own = new Set((format.options ?? []).map((option) => option.name));
    for (const option of formatOnlyOptions) {
      if (ctx.options[option.name] !== undefined && !own.has(option.name)) {
        throw new UsageError(`--${option.name} does not apply to --format ${format.name}`);
      }
    }
    const out = String(ctx.options.out);
    if (out === '-' && !format.canWriteToStdout)
      throw new UsageError(`--format ${format.name} cannot write to standard output`);
    await format.run(ctx, { meetingId: ctx.args[0] ?? '', out });
  },
};

function uniqueByName(options: OptionSpec[]): OptionSpec[] {
  const seen = new Set<string>();
  return options.filter((option) => !seen.has(option.name) && seen.add(option.name) !== undefined);
}
