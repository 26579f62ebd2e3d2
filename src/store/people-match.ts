import type { PartFacts, PeopleQuery, PersonFacts } from '../core/people-query.js';

// A people query as one test of a person's facts: what the index's walks keep.

/** The query as one test of a person's facts; `testAt`: the candidates are not only people at `at`. */
export function matcher(q: PeopleQuery, testAt: boolean): (f: PersonFacts) => boolean {
  const activeBefore = q.activeBefore === undefined ? undefined : Date.parse(q.activeBefore);
  const at = testAt && q.at ? new Set(q.at) : undefined;
  // Where someone is now, and whether they are stuck there, is about the flow they are in.
  const now = q.at !== undefined || q.stuck !== undefined;
  return (f) =>
    matches(f, q, activeBefore) &&
    (!now || q.flowId === undefined || f.flowId === q.flowId) &&
    (at === undefined || (f.current !== null && at.has(f.current))) &&
    (q.stuck === undefined || isStuck(f, q.stuck));
}

/** Stuck by the core's bounds: past the review window on a review step, else idle long enough. */
function isStuck(f: PersonFacts, bounds: NonNullable<PeopleQuery['stuck']>): boolean {
  if (f.current === null || f.finished) return false;
  const review = bounds.enteredBefore[f.current];
  if (review) {
    const before = review[f.zone];
    return f.enteredAt !== undefined && before !== undefined && f.enteredAt < before;
  }
  const before = bounds.idleBefore[f.zone];
  return before !== undefined && f.activeAt < before;
}

/**
 * The facts of the person's part in the query's flow: the flow they are in, or one they shelved (they
 * are at no step of that one now); undefined when they have never been in it.
 */
function partIn(f: PersonFacts, flowId: string | undefined): PartFacts | undefined {
  if (flowId === undefined || f.flowId === flowId) return f;
  return f.shelved?.find((part) => part.flowId === flowId);
}

function matches(f: PersonFacts, q: PeopleQuery, activeBefore: number | undefined): boolean {
  const part = partIn(f, q.flowId);
  return (
    part !== undefined &&
    (q.started === undefined || part.started === q.started) &&
    (q.finished === undefined || part.finished === q.finished) &&
    (q.muted === undefined || f.muted === q.muted) &&
    (q.platform === undefined || f.platform === q.platform) &&
    (q.needsHelp === undefined || (f.helpAt !== undefined) === q.needsHelp) &&
    (activeBefore === undefined || f.activeAt < activeBefore)
  );
}
