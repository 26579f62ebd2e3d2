import type { ProgressStore } from '../core/index.js';
import type { Progress, UserKey } from '../core/types.js';
import type { PeopleIndex } from './people-index.js';

/**
 * The store port's questions about many people, answered from a `PeopleIndex`; `record` reads one
 * person's progress. Shared by every store that keeps its records in memory.
 */
export function peopleQueries(
  index: () => Promise<PeopleIndex>,
  record: (user: UserKey) => Progress | undefined,
): Pick<ProgressStore, 'counts' | 'people' | 'due'> {
  return {
    async counts(flowId) {
      return (await index()).counts(flowId);
    },
    async people(query) {
      // A macrotask first: awaiting this store is otherwise only microtasks, and a caller reading page
      // after page (the export) would keep every other event waiting until the last page.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const { users, next, total } = await (await index()).list(query);
      const people = users.flatMap((user) => record(user) ?? []);
      return { people, ...(next === undefined ? {} : { next }), ...(total === undefined ? {} : { total }) };
    },
    async due(now, limit) {
      return (await index()).due(now.toISOString(), limit);
    },
  };
}
