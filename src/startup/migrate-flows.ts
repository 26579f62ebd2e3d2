import {
  type Flow,
  migrateRecord,
  NamedError,
  type Progress,
  type ProgressStore,
  type UserKey,
  type VanishedStep,
} from '../core/index.js';

/** Records looked at between two yields to the event loop. */
const SLICE = 2_000;
/** Records rewritten at once. */
const WRITES_IN_FLIGHT = 64;

/**
 * Whether start-up must look at a record again: its flow has no file, it was written for an older
 * version of a flow, or it names a step its flow lacks. Cheap: for the store to ask of each record it
 * reads while opening, so that nobody has to be read a second time when nothing changed.
 */
export function needsMoving(flows: readonly Flow[]): (p: Progress) => boolean {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const flowOf = (id: string) => byId.get(id);
  return (p) => {
    if (!byId.has(p.flowId)) return true;
    const { progress, vanished } = migrateRecord(p, flowOf, new Date(0).toISOString());
    return vanished.length > 0 || progress !== p;
  };
}

/** Who `needs` a move, read a page of people at a time (a store that cannot tell while it opens). */
export async function whoNeedsMoving(
  store: Pick<ProgressStore, 'people'>,
  needs: (p: Progress) => boolean,
): Promise<Set<UserKey>> {
  const found = new Set<UserKey>();
  let after: UserKey | undefined;
  do {
    const page = await store.people({ limit: 1000, ...(after ? { after } : {}) });
    for (const p of page.people) if (needs(p)) found.add(p.user);
    after = page.next;
  } while (after !== undefined);
  return found;
}

/**
 * Moves everyone on an older version of a flow to its current version, by the flows' migration notes,
 * before the bot answers anyone. When a step somebody is on or did has vanished from its flow without
 * a note, or somebody is in a flow that has no file, nothing is written and start-up stops, naming them.
 * `candidates`, when known (the store told who `needsMoving` while it opened), limits the look to
 * those people; otherwise everyone is read once. Returns how many records were moved.
 */
export async function migrateStoredProgress(
  store: ProgressStore,
  flows: readonly Flow[],
  now: Date,
  candidates?: Iterable<UserKey>,
): Promise<number> {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const flowOf = (id: string) => byId.get(id);
  const at = now.toISOString();
  // Keys, then one record at a time: holding every parsed record at once doubled start-up's memory.
  const users = candidates ? [...candidates] : await store.keys();
  const changed: string[] = [];
  const vanished = new Map<string, VanishedStep & { people: number }>();
  const orphaned = new Map<string, number>();
  for (let i = 0; i < users.length; i += SLICE) {
    for (const user of users.slice(i, i + SLICE)) {
      const record = await store.load(user);
      if (!record) continue;
      if (!byId.has(record.flowId)) orphaned.set(record.flowId, (orphaned.get(record.flowId) ?? 0) + 1);
      const result = migrateRecord(record, flowOf, at);
      for (const step of result.vanished) {
        const key = `${step.flowId}\0${step.stepId}`;
        const seen = vanished.get(key);
        vanished.set(key, { ...step, people: (seen?.people ?? 0) + 1 });
      }
      if (result.vanished.length === 0 && result.progress !== record) changed.push(record.user);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (orphaned.size > 0) throw orphanedError(orphaned);
  if (vanished.size > 0) throw vanishedError([...vanished.values()]);
  for (let i = 0; i < changed.length; i += WRITES_IN_FLIGHT) {
    const users = changed.slice(i, i + WRITES_IN_FLIGHT);
    await Promise.all(
      users.map((user) =>
        store.update(user, (current) => (current ? migrateRecord(current, flowOf, at).progress : undefined)),
      ),
    );
  }
  return changed.length;
}

/** People are in flows that have no file any more: shown another flow, they would lose their place. */
function orphanedError(flows: ReadonlyMap<string, number>): NamedError {
  const listed = [...flows].map(([id, n]) => `"${id}" (${n} ${n === 1 ? 'person' : 'people'})`).join(', ');
  return new NamedError(
    'FLOW_INVALID',
    `People are in flows that no file in src/flows/ defines any more: ${listed}. Put the flow files back ` +
      `(with their locales); to retire a flow, first move its people with "admin assign <person> <flow>". ` +
      `Nothing was changed.`,
  );
}

function vanishedError(steps: readonly (VanishedStep & { people: number })[]): NamedError {
  const listed = steps
    .slice(0, 5)
    .map((s) => `"${s.stepId}" of flow "${s.flowId}" (${s.people} ${s.people === 1 ? 'person' : 'people'})`)
    .join(', ');
  const more = steps.length > 5 ? ` and ${steps.length - 5} more` : '';
  const files = [...new Set(steps.map((s) => `src/flows/${s.flowId}.json`))].join(', ');
  return new NamedError(
    'FLOW_INVALID',
    `People are on or have done steps that their flow no longer has, and no migration note says where ` +
      `they went: ${listed}${more}. Put the steps back, or raise the flow's "version" and add a note for ` +
      `each under "migrations" in ${files} (rename, split, merge, or remove with where its people go). ` +
      `Nothing was changed.`,
  );
}
