/**
 * The command table of `referat`. Add a command by writing `<name>.ts` (a `CliCommand`) and
 * adding one line here; help, option parsing and errors come from cli.ts.
 */
import type { CliCommand } from '../types';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
import { publishCommand } from './publish';
import { searchCommand } from './search';
import { signCommand } from './sign';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

export const commands: readonly CliCommand[] = [
  listCommand,
  importCommand,
  exportCommand,
  validateCommand,
  signCommand,
  verifyCommand,
  searchCommand,
  publishCommand,
];
