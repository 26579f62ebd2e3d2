import { type Flow, placedSteps } from './flow.js';
import { type Migration, migrationsBetween, sourcesOf, targetsOf } from './migration-notes.js';
import type { FlowPart, Progress, StepRecord } from './types.js';

type Steps = FlowPart['steps'];

/** A person's place in a flow, moved to the flow's version; `vanished` names steps no note accounts for. */
export interface Migrated<P> {
  part: P;
  /** Step ids the person is on or did that the flow no longer has and no note maps: nothing was moved. */
  vanished: string[];
}

/**
 * Moves one person's place in `flow` from the version it was written for to the flow's own version, by
 * the flow's migration notes. Work done stays done under its new ids (a split step is done in all its
 * parts, merged steps when all of them were). Someone whose step was split, merged or removed lands
 * on the first step from the note's destination on that they have not done, so nobody is sent back to
 * work they did; when there is none, they are finished. A step the person is on or did that the flow
 * lacks, with no note, is reported in `vanished` and the part is left as it was.
 */
export function migratePart<P extends FlowPart>(flow: Flow, part: P, at: string): Migrated<P> {
  if (part.flowVersion === flow.version && allKnown(part, stepIdsOf(flow))) return { part, vanished: [] };
  let current = part.current;
  let steps = part.steps;
  let moved = false;
  for (const migration of migrationsBetween(flow.migrations ?? [], part.flowVersion, flow.version)) {
    const next = applyMigration(migration, current, steps);
    current = next.current;
    steps = next.steps;
    moved ||= next.moved;
  }
  const known = stepIdsOf(flow);
  const vanished = [...new Set([current, ...Object.keys(steps)])].filter(
    (id): id is string => id !== null && !known.has(id),
  );
  if (vanished.length > 0) return { part, vanished };
  if (part.flowVersion === flow.version && !moved) return { part, vanished };
  const landed = moved && current !== null ? firstUndoneFrom(flow, current, steps) : current;
  const finished = moved && landed === null && current !== null;
  return {
    part: {
      ...part,
      flowVersion: flow.version,
      current: landed,
      steps,
      ...(finished && part.finishedAt === undefined ? { finishedAt: at } : {}),
    },
    vanished,
  };
}

/** Nothing to do: the part is on a step of the flow (or none) and every step it holds is one. */
function allKnown(part: FlowPart, known: ReadonlySet<string>): boolean {
  if (part.current !== null && !known.has(part.current)) return false;
  for (const id in part.steps) if (!known.has(id)) return false;
  return true;
}

const idsCache = new WeakMap<Flow, ReadonlySet<string>>();

/** The flow's step ids (once per flow: flows are never changed in place). */
function stepIdsOf(flow: Flow): ReadonlySet<string> {
  let ids = idsCache.get(flow);
  if (!ids) {
    ids = new Set(placedSteps(flow).map(({ step }) => step.id));
    idsCache.set(flow, ids);
  }
  return ids;
}

/** One version's notes, all read against the records as they were before it. */
function applyMigration(migration: Migration, current: string | null, before: Steps) {
  const noted = new Set(migration.notes.flatMap(sourcesOf));
  const steps: Record<string, StepRecord> = Object.fromEntries(
    Object.entries(before).filter(([id]) => !noted.has(id)),
  );
  const put = (id: string, record: StepRecord) => {
    const there = steps[id];
    steps[id] = there ? combine([there, record]) : record;
  };
  let landed = current;
  let moved = false;
  for (const note of migration.notes) {
    const sources = sourcesOf(note);
    const records = sources.flatMap((id) => (before[id] ? [before[id]] : []));
    if (records.length > 0) carry(note, sources, records, put);
    if (current !== null && sources.includes(current)) {
      landed = targetsOf(note)[0] ?? current;
      moved = note.kind !== 'rename';
    }
  }
  return { current: landed, steps, moved };
}

/** Writes what the note's old steps hold onto its new ones. */
function carry(
  note: Migration['notes'][number],
  sources: readonly string[],
  records: StepRecord[],
  put: (id: string, record: StepRecord) => void,
): void {
  if (note.kind === 'remove') return;
  if (note.kind === 'merge') {
    put(note.to, combine(records.length === sources.length ? records : [...records, {}]));
    return;
  }
  const [record] = records as [StepRecord];
  if (note.kind === 'rename') {
    put(note.to, record);
    return;
  }
  const { ticked: _checklistOfTheOldStep, ...kept } = record;
  note.to.forEach((id, i) => {
    if (record.doneAt !== undefined || i === 0) put(id, kept);
  });
}

/** Several records as one: entered when the first was, done only when all were (when the last was). */
function combine(records: readonly StepRecord[]): StepRecord {
  const entered = records.flatMap((r) => (r.enteredAt ? [r.enteredAt] : [])).sort();
  const done = records.map((r) => r.doneAt);
  const allDone = done.every((d): d is string => d !== undefined);
  return {
    ...(entered[0] ? { enteredAt: entered[0] } : {}),
    ...(allDone ? { doneAt: [...done].sort().at(-1) as string } : {}),
  };
}

/** The first step at or after `stepId`, in flow order, that is not done; null when all are. */
function firstUndoneFrom(flow: Flow, stepId: string, steps: Steps): string | null {
  const placed = placedSteps(flow);
  const from = Math.max(
    0,
    placed.findIndex(({ step }) => step.id === stepId),
  );
  return placed.slice(from).find(({ step }) => !steps[step.id]?.doneAt)?.step.id ?? null;
}

/** A step a person is on or did that their flow no longer has, with no note to say where it went. */
export interface VanishedStep {
  flowId: string;
  version: number;
  stepId: string;
}

/**
 * A whole record moved to the flows' current versions: the flow the person is in and every shelved
 * one. The same object when nothing changed; flows the bot no longer runs are left as they are.
 */
export function migrateRecord(
  p: Progress,
  flowOf: (id: string) => Flow | undefined,
  at: string,
): { progress: Progress; vanished: VanishedStep[] } {
  const vanished: VanishedStep[] = [];
  const move = <P extends FlowPart>(flowId: string, part: P): P => {
    const flow = flowOf(flowId);
    if (!flow) return part;
    const migrated = migratePart(flow, part, at);
    vanished.push(...migrated.vanished.map((stepId) => ({ flowId, version: flow.version, stepId })));
    return migrated.part;
  };
  const active = move(p.flowId, p);
  const entries = Object.entries(p.shelved ?? {});
  const shelved = entries.map(([id, part]) => [id, move(id, part)] as const);
  const shelfChanged = shelved.some(([id, part]) => part !== p.shelved?.[id]);
  if (active === p && !shelfChanged) return { progress: p, vanished };
  return {
    progress: { ...active, ...(shelfChanged ? { shelved: Object.fromEntries(shelved) } : {}) },
    vanished,
  };
}
