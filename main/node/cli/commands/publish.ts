/**
 * `referat publish --committee NAME --out DIR`: a committee's published meetings (every meeting
 * past draft) as HTML editions in DIR, one folder per meeting and an index page listing them
 * (main/node/html/htmlEdition.ts). Idempotent: running it again rewrites only what changed, so a
 * web server or the municipality's CMS can pick DIR up as it is.
 */
import { publishCommittee } from '../../html/htmlEdition';
import { printWarnings } from '../exports/edition';
import type { CliCommand } from '../types';

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: "write a committee's published meetings as accessible HTML with an index page",
  positionals: [],
  options: [
    {
      name: 'committee',
      kind: 'value',
      valueName: 'NAME',
      isRequired: true,
      description: 'the committee, by name (as in referat list) or id',
    },
    {
      name: 'out',
      kind: 'value',
      valueName: 'DIR',
      isRequired: true,
      description: 'the folder to write (created when missing; unchanged files are left alone)',
    },
  ],
  library: 'existing',
  run(ctx) {
    const library = ctx.library();
    const dir = ctx.resolvePath(String(ctx.options.out));
    const result = publishCommittee(
      library.db,
      library.filesDir,
      String(ctx.options.committee),
      dir,
    );
    printWarnings(ctx, result.warnings);
    ctx.io.stdout(
      `${dir}: ${result.committee}, ${result.meetings.length} meetings, ${result.written.length} files written, ${result.unchanged.length} unchanged\n`,
    );
  },
};
