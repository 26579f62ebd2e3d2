import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { NamedError } from '../core/errors.js';

/**
 * What `npm run backup|restore -- <file>` works on: STORE_FILE from the bot's own settings (.env and the
 * environment, resolved like the bot does), and the file argument resolved against the folder the
 * command was typed in (npm runs scripts in the package folder and passes that one as INIT_CWD).
 */
export function storeCommandArgs(command: string): { storeFile: string; file: string } {
  const arg = process.argv[2];
  if (!arg || process.argv.length > 3) throw usage(command);
  const config = loadConfig();
  return {
    storeFile: resolve(config.STORE_FILE),
    file: resolve(process.env.INIT_CWD ?? process.cwd(), arg),
  };
}

const usage = (command: string) => new NamedError('USAGE', `usage: npm run ${command} -- <file>`);

/** Runs the command; known errors (bad settings, refused files) are one line for people, exit 1. */
export function runStoreCommand(command: string, work: () => Promise<string>): void {
  work().then(
    (done) => {
      process.stdout.write(`${done}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      const known = error instanceof Error && 'code' in error;
      process.stderr.write(
        `guidepost ${command}: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
      );
      process.exit(1);
    },
  );
}
