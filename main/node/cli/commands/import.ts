/** `referat import FILE [--on-existing refuse|keep-both|replace]`: prints the imported meeting's id. */
import { DomainError } from '../../../../common/contract/result';
import { statOrNull } from '../files';
import { importers } from '../imports/index';
import { onExistingChoices, type CliCommand, type OnExistingChoice } from '../types';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a meeting (all or nothing) and print its id',
  positionals: [{ name: 'FILE', description: 'what to import' }],
  options: [
    {
      name: 'on-existing',
      kind: 'value',
      valueName: 'WHAT',
      values: onExistingChoices,
      defaultValue: 'refuse',
      description:
        'when the meeting is already in the library: refuse (default), keep-both (import a copy with new ids) or replace (a draft only)',
    },
  ],
  library: 'create',
  details: () =>
    `Understands:\n${importers.map((i) => `  ${i.name.padEnd(8)} ${i.description}`).join('\n')}`,
  async run(ctx) {
    const file = ctx.args[0] ?? '';
    const stat = statOrNull(ctx.resolvePath(file));
    if (!stat) throw new DomainError('not_found', `${file} does not exist.`);
    const kind = { isFile: stat.isFile(), isDirectory: stat.isDirectory() };
    const importer = importers.find((candidate) => candidate.matches(ctx.resolvePath(file), kind));
    if (!importer)
      throw new DomainError('invalid_input', `${file} is not something referat can import.`);
    await importer.run(ctx, { file, onExisting: ctx.options['on-existing'] as OnExistingChoice });
  },
};
