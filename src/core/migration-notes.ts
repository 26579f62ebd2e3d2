import { z } from 'zod';

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase slug like "bind-card"');

/**
 * What became of one step of the previous version, and so where its people go:
 * - `rename`: the step has a new id; what was done there is done under the new id;
 * - `split`: it became several steps; done means all of them are done, and its people go to the first;
 * - `merge`: several steps became one; it is done when all of them were, and their people go there;
 * - `remove`: it is gone; its people go to `to` (or the first step after it they have not done).
 */
export const MigrationNoteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rename'), from: Slug, to: Slug }),
  z.object({ kind: z.literal('split'), from: Slug, to: z.array(Slug).min(2) }),
  z.object({ kind: z.literal('merge'), from: z.array(Slug).min(2), to: Slug }),
  z.object({ kind: z.literal('remove'), from: Slug, to: Slug }),
]);
export type MigrationNote = z.infer<typeof MigrationNoteSchema>;

/** The notes that take a person from `version - 1` to `version`. */
export const MigrationSchema = z.object({
  version: z.number().int().min(2),
  notes: z.array(MigrationNoteSchema).min(1),
});
export type Migration = z.infer<typeof MigrationSchema>;

/** The old step ids a note is about. */
export const sourcesOf = (note: MigrationNote): readonly string[] =>
  typeof note.from === 'string' ? [note.from] : note.from;

/** The step ids a note sends people and work to. */
export const targetsOf = (note: MigrationNote): readonly string[] =>
  typeof note.to === 'string' ? [note.to] : note.to;

/** The migrations that lead from `fromVersion` up to `toVersion`, oldest first. */
export function migrationsBetween(
  migrations: readonly Migration[],
  fromVersion: number,
  toVersion: number,
): Migration[] {
  return migrations
    .filter((m) => m.version > fromVersion && m.version <= toVersion)
    .sort((a, b) => a.version - b.version);
}

/** Where a step id of one version ends up after the later migrations: the ids it maps to. */
function forward(id: string, later: readonly Migration[]): string[] {
  let ids = [id];
  for (const migration of later) {
    ids = ids.flatMap((one) => {
      const note = migration.notes.find((n) => sourcesOf(n).includes(one));
      return note ? [...targetsOf(note)] : [one];
    });
  }
  return [...new Set(ids)];
}

interface NoteProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What is wrong with a flow's migration notes: versions above the flow's or twice, a step noted twice in
 * one version, a note whose destination is not a step of the flow once the later notes are applied.
 */
export function migrationProblems(
  version: number,
  migrations: readonly Migration[],
  stepIds: ReadonlySet<string>,
): NoteProblem[] {
  const problems: NoteProblem[] = [];
  const versions = new Set<number>();
  migrations.forEach((migration, m) => {
    const at = ['migrations', m];
    if (migration.version > version) {
      problems.push({ path: [...at, 'version'], message: `is above the flow's version ${version}` });
    }
    if (versions.has(migration.version)) {
      problems.push({ path: [...at, 'version'], message: `version ${migration.version} has two entries` });
    }
    versions.add(migration.version);
    const later = migrationsBetween(migrations, migration.version, version);
    const noted = new Set<string>();
    migration.notes.forEach((note, n) => {
      for (const from of sourcesOf(note)) {
        if (noted.has(from)) {
          problems.push({ path: [...at, 'notes', n, 'from'], message: `step "${from}" is noted twice` });
        }
        noted.add(from);
      }
      for (const target of targetsOf(note)) {
        const lost = forward(target, later).filter((id) => !stepIds.has(id));
        for (const id of lost) {
          problems.push({
            path: [...at, 'notes', n, 'to'],
            message: `sends people to "${id}", which is not a step of the flow`,
          });
        }
      }
    });
  });
  return problems;
}
