import { NamedError } from '../../core/index.js';
import { acquireLock, type StoreLock } from '../lock.js';
import { exists } from '../path-exists.js';
import { replayJournal } from '../replay.js';
import { readSnapshot } from '../snapshot-read.js';
import { StoreState } from '../state.js';
import { namedError } from '../store-error.js';

/** A JSON store read whole, under its lock (no bot may run on it meanwhile), and the lock to let go. */
export interface JsonSource {
  state: StoreState;
  release(): Promise<void>;
}

/**
 * Reads the JSON store at `file` as the bot does at start-up (snapshot, a journal left by a cut-short
 * snapshot, the journal), holding its lock so that no bot changes it under the copy. Nothing is written
 * to it. A store that holds nothing is refused, naming the file: it is probably not the bot's.
 */
export async function readJsonSource(file: string, now: number): Promise<JsonSource> {
  if (!(await exists(file)) && !(await exists(`${file}.journal`)))
    throw new NamedError(
      'STORE_UNREADABLE',
      `${file} holds no store (no snapshot and no journal): give the bot's STORE_FILE`,
    );
  const lock: StoreLock = await acquireLock(file);
  try {
    const state = new StoreState({ loading: true });
    await readSnapshot(file, state);
    await replayJournal(`${file}.journal.old`, state);
    await replayJournal(`${file}.journal`, state);
    state.prune(now);
    await state.indexInBackground();
    return { state, release: () => lock.release() };
  } catch (error) {
    await lock.release();
    throw namedError(file, error, 'could not be read');
  }
}
