/**
 * The command line of `npm start` (main/start.ts), parsed apart from the entry so tests can use it.
 */

/** The help text of `npm start`. */
export const startUsage = `Usage: npm start -- [--browser] [--no-open] [--library PATH] [--port N]

  --browser       run in the default browser even where Electron is available
  --no-open       do not open a browser (also REFERAT_NO_OPEN=1)
  --library PATH  the library file (also REFERAT_LIBRARY; default: the app's own library)
  --port N        the port of the local host (default: a free port)
`;

/** The parsed command line of `npm start`. */
export type StartOptions = {
  isBrowser: boolean;
  isOpening: boolean;
  libraryPath: string | null;
  port: number;
  isHelp: boolean;
};

/** Parses the arguments; throws an Error with a one-line reason on bad input. */
export function parseStartArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): StartOptions {
  const options: StartOptions = {
    isBrowser: false,
    isOpening: env.REFERAT_NO_OPEN !== '1',
    libraryPath: env.REFERAT_LIBRARY ? env.REFERAT_LIBRARY : null,
    port: 0,
    isHelp: false,
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? args[++i];
      if (
        next === undefined ||
        next === '' ||
        (inlineValue === undefined && next.startsWith('--'))
      ) {
        throw new Error(`${flag} needs a value`);
      }
      return next;
    };
    switch (flag) {
      case '--browser':
        options.isBrowser = true;
        break;
      case '--no-open':
        options.isOpening = false;
        break;
      case '--library':
        options.libraryPath = value();
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535)
          throw new Error(`--port must be a number from 0 to 65535, not "${text}"`);
        options.port = port;
        break;
      }
      case '--help':
      case '-h':
        options.isHelp = true;
        break;
      default:
        throw new Error(`unknown option "${arg}" (see --help)`);
    }
  }
  return options;
}
