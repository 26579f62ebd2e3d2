import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GuidepostError } from '../core/errors.js';
import { CopyRaceError, copyStoreFiles, storeParts } from './backup-copy.js';
import { StoreFileError } from './file-schema.js';
import { fsyncDir } from './fs-durable.js';
import { replayJournal } from './replay.js';
import { writeSnapshot } from './snapshot.js';
import { readSnapshot } from './snapshot-read.js';
import { StoreState } from './state.js';

/** A backup that cannot be made; the message names the setting or file to fix. */
export class BackupError extends GuidepostError {
  readonly code = 'BACKUP_FAILED' as const;
  constructor(message: string) {
    super(message);
  }
}

export interface BackupResult {
  /** People in the backup. */
  people: number;
  /** Copies made: more than one when the store was compacted (or cut back) in the middle of one. */
  attempts: number;
}

const MAX_ATTEMPTS = 20;

/**
 * Writes `out`: one self-contained store file (a snapshot, no journal) holding every change the store
 * at `file` acknowledged before the call, whether or not a bot runs on it. It never takes the store's
 * lock: it copies the store's files in a proven-consistent way (see backup-copy.ts) into a folder beside
 * `out`, loads the copy as `openStore` does at start-up (snapshot, journal.old, journal; a torn last line
 * dropped), and writes it with the store's own snapshot writer, renamed into place at the end.
 * `pause` (tests) widens the copy's race windows; see copyStoreFiles.
 */
export async function backupStore(
  file: string,
  out: string,
  options: { pause?: () => Promise<void> } = {},
): Promise<BackupResult> {
  const parts = Object.values(storeParts(file));
  if (parts.includes(out) || out === `${file}.lock` || out === `${file}.tmp`)
    throw new BackupError(`The backup file ${out} is one of STORE_FILE's own files: choose another name.`);
  await mkdir(dirname(out), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const work = await mkdtemp(join(dirname(out), `.${basename(out)}.partial-`));
    try {
      const state = await copyAndLoad(file, join(work, 'store.json'), options.pause);
      const written = join(work, 'backup.json');
      await writeSnapshot(written, state, Date.now());
      await rename(written, out);
      await fsyncDir(out);
      return { people: state.users.size, attempts: attempt };
    } catch (error) {
      // A race seen, or a journal line spoilt by a tail cut back under the copy: copy again.
      const race = error instanceof CopyRaceError || isJournalError(error);
      if (!race || attempt >= MAX_ATTEMPTS) throw named(error, join(work, 'store.json'), file);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

async function copyAndLoad(file: string, copy: string, pause?: () => Promise<void>): Promise<StoreState> {
  const { found } = await copyStoreFiles(file, copy, pause);
  if (!found)
    throw new BackupError(
      `STORE_FILE ${file} holds no store (no snapshot and no journal): check STORE_FILE is the bot's.`,
    );
  // Only copied, never asked about many people: no index to build (which would only slow each copy).
  const state = new StoreState({ loading: true });
  const parts = storeParts(copy);
  await readSnapshot(parts.snapshot, state);
  await replayJournal(parts.old, state);
  await replayJournal(parts.journal, state);
  state.prune(Date.now());
  return state;
}

const isJournalError = (error: unknown) => error instanceof StoreFileError && error.file.endsWith('.journal');

/** An error about the copy, told about the store's own file instead. */
function named(error: unknown, copy: string, file: string): unknown {
  if (error instanceof CopyRaceError)
    return new BackupError(`STORE_FILE ${file} kept changing under ${MAX_ATTEMPTS} copies; try again.`);
  if (error instanceof StoreFileError && error.file.startsWith(copy))
    return new StoreFileError(file + error.file.slice(copy.length), error.detail);
  return error;
}
