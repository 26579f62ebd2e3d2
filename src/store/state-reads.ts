import type { Progress, ProgressStore } from '../core/index.js';
import { peopleQueries } from './people-queries.js';
import type { StoreState } from './state.js';

/** Every read of the port, answered from a store's state in memory (the journaled store and its twin). */
export function stateReads(
  state: StoreState,
  now: () => number,
): Pick<ProgressStore, 'load' | 'seen' | 'all' | 'keys' | 'auditLog' | 'counts' | 'people' | 'due'> {
  const read = (user: string): Progress | undefined => {
    const json = state.text(user);
    return json === undefined ? undefined : JSON.parse(json);
  };
  return {
    // Questions about many people wait for the index a store builds after loading its files.
    ...peopleQueries(async () => {
      await state.indexed;
      return state.people;
    }, read),
    async load(user) {
      return read(user);
    },
    async auditLog(query) {
      return state.audit.query(query);
    },
    async seen(deliveryId) {
      return state.seen(deliveryId, now());
    },
    async keys() {
      return [...state.users.keys()];
    },
    async all() {
      return [...state.users.keys()].map((user) => JSON.parse(state.text(user) as string));
    },
  };
}
