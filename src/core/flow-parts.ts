import type { Flow } from './flow.js';
import type { FlowPart, Progress } from './types.js';

/** The part of a record that belongs to the flow the person is in now. */
const activePart = (p: Progress): FlowPart => ({
  flowVersion: p.flowVersion,
  current: p.current,
  steps: p.steps,
  ...(p.startedAt === undefined ? {} : { startedAt: p.startedAt }),
  ...(p.finishedAt === undefined ? {} : { finishedAt: p.finishedAt }),
});

/** Nothing done in the flow yet: a part that is not worth keeping. */
const isEmpty = (part: FlowPart): boolean =>
  part.current === null && part.startedAt === undefined && Object.keys(part.steps).length === 0;

/**
 * The person moved into `flow`: their place in the flow they were in is shelved (kept as it is), and
 * their place in `flow` comes back from the shelf, or a fresh one (not started) when they were never in
 * it. Their settings, history and reminders stay. The same record when they are in `flow` already.
 */
export function switchFlow(p: Progress, flow: Flow): Progress {
  if (p.flowId === flow.id) return p;
  const { [flow.id]: back, ...others } = p.shelved ?? {};
  const leaving = activePart(p);
  const shelved = isEmpty(leaving) ? others : { ...others, [p.flowId]: leaving };
  const part = back ?? { flowVersion: flow.version, current: null, steps: {} };
  const { startedAt: _s, finishedAt: _f, shelved: _old, undelivered: _u, ...rest } = p;
  return {
    ...rest,
    ...part,
    flowId: flow.id,
    ...(Object.keys(shelved).length > 0 ? { shelved } : {}),
  };
}

/**
 * A person's record as seen from one flow: the record itself when they are in it, their shelved part in
 * its place when they were in it before; undefined when they have never been in it.
 */
export function partOf(p: Progress, flowId: string): Progress | undefined {
  if (p.flowId === flowId) return p;
  const part = p.shelved?.[flowId];
  if (!part) return undefined;
  const { startedAt: _s, finishedAt: _f, ...rest } = p;
  return { ...rest, ...part, flowId };
}
