import type { Outcome } from '../engine.js';
import { doneCount } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import { personMark } from '../person.js';
import { mostUsedFlow } from '../staff-views/flows.js';
import { stuckQuery } from '../stuck-bounds.js';
import type { AuditEntry, Progress, ReplyDraft as Reply } from '../types.js';
import { type AdminCommand, type StaffCommand, usageText } from './catalogue.js';
import { approveChange, assignChange, undoChange } from './changes.js';
import { ask } from './confirm.js';
import { resolvePerson } from './parse.js';
import { auditReply, csvExport, timelineReply } from './records.js';
import { filterQuery, listReply, PAGE_SIZE, statsReply, unknownFilterReply } from './reports.js';
import { type AdminRun, nudge, tell } from './run.js';

type Handler<C> = (run: AdminRun, command: C) => Promise<Reply[]> | Reply[];
type Handlers = { [N in AdminCommand['type']]: Handler<Extract<AdminCommand, { type: N }>> };

/** A handler for a command that names a person: an unknown person gets a warning instead. */
const onPerson =
  <C extends { who: string }>(
    handle: (run: AdminRun, target: Progress, command: C) => Promise<Reply[]>,
  ): Handler<C> =>
  async (run, command) => {
    const key = resolvePerson(command.who, run.staff.user);
    const target = key ? await run.deps.store.load(key) : undefined;
    if (!target) return run.say('admin:unknown-person', { who: command.who.slice(0, 60) }, 'warning');
    return handle(run.inFlow(run.deps.flows.of(target)), target, command);
  };

/**
 * A handler for a command about one flow's people: the flow staff named, or the one most people are
 * in; its replies say which flow they show. A name that is no flow gets the list of flows.
 */
const onFlow =
  <C extends { flow: string }>(handle: (run: AdminRun, command: C) => Promise<Reply[]>): Handler<C> =>
  async (run, command) => {
    const flow = command.flow === '' ? await mostUsed(run) : run.deps.flows.get(command.flow);
    if (!flow) return unknownFlow(run, command.flow);
    const inFlow = run.inFlow(flow);
    const [first, ...rest] = await handle(inFlow, command);
    if (!first) return rest;
    return [{ ...first, footer: flowLabel(inFlow) }, ...rest];
  };

const mostUsed = (run: AdminRun): Promise<Flow> => mostUsedFlow(run.deps.flows, run.deps.store);

const flowTitle = (run: AdminRun, flow: Flow) => run.t(`${flow.id}:title`);

/** "Process: Reseller registration (reseller) · also: contract, second-level-reseller". */
function flowLabel(run: AdminRun): string {
  const { flow } = run.view;
  const others = run.deps.flows.all.filter((f) => f.id !== flow.id).map((f) => f.id);
  return run.t(others.length ? 'admin:flow.showing-others' : 'admin:flow.showing', {
    title: flowTitle(run, flow),
    id: flow.id,
    others: others.join(', '),
  });
}

function unknownFlow(run: AdminRun, name: string): Reply[] {
  const flows = run.deps.flows.all.map((f) => `${f.id} (${flowTitle(run, f)})`).join(', ');
  return run.say('admin:unknown-flow', { flow: name.slice(0, 40), flows }, 'warning');
}

/** One handler per entry of the staff command table (and the usage text), keyed by its name. */
export const HANDLERS: Handlers = {
  usage: (run) => [{ kind: 'admin', text: usageText(run.t) }],
  stats: onFlow(stats),
  list: onFlow(list),
  audit: async (run) => [auditReply(run.view, await run.deps.store.auditLog({ limit: 20 }))],
  export: onFlow(exportAll),
  dashboard: signInLink,
  'nudge-stuck': onFlow(nudgeStuck),
  undo: (run, c) => undo(run, c.id),
  user: onPerson(async (run, target) => [
    timelineReply(run.view, target, await run.deps.store.auditLog({ target: target.user })),
  ]),
  nudge: onPerson(async (run, target) =>
    run.say(`admin:nudge.${await nudge(run, target.user)}`, { who: personMark(target) }),
  ),
  approve: onPerson(approve),
  move: onPerson(move),
  reset: onPerson(reset),
  assign: onPerson(assign),
};

/** A link to the dashboard that signs this staff member in once (only they see the answer). */
async function signInLink(run: AdminRun): Promise<Reply[]> {
  const links = run.deps.dashboard;
  if (!links) return run.say('admin:dashboard.off', {}, 'warning');
  const { url, expiresAt } = await links.open(run.staff.user, run.language);
  const minutes = Math.round((expiresAt.getTime() - run.now.getTime()) / 60_000);
  return [
    {
      kind: 'admin',
      text: run.t('admin:dashboard.link', { minutes }),
      links: [{ label: run.t('admin:dashboard.open'), url }],
    },
  ];
}

/** The CSV is made page by page as the adapter reads it; the count is the store's tally. */
async function exportAll(run: AdminRun): Promise<Reply[]> {
  const { count, file } = await csvExport(run.deps.store, run.view.flow, run.staff.user, run.now);
  return [{ kind: 'admin', text: run.t('admin:export.done', { count, name: file.name }), file }];
}

/** The funnel: the store's counts, and the stuck counted by the store in everyone's own calendar. */
async function stats(run: AdminRun): Promise<Reply[]> {
  const { view } = run;
  const { store } = run.deps;
  const counts = await store.counts(view.flow.id);
  const query = stuckQuery(view.flow, counts.zones, view.now, view.remindAfterDays, view.holidays);
  const stuck = await store.people({ ...query, limit: 1, total: true });
  return [statsReply(view, counts, stuck.total ?? 0)];
}

/** One page of people matching a filter, longest idle first, from the store. */
async function list(run: AdminRun, c: StaffCommand<'list'>): Promise<Reply[]> {
  const { view } = run;
  const { store } = run.deps;
  const { zones } = await store.counts(view.flow.id);
  const query = filterQuery(view, c.filter, zones, c.days);
  if (!query) return [unknownFilterReply(view, c.filter)];
  const found = await store.people({
    ...query,
    offset: (c.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
    total: true,
  });
  return [listReply(view, c.filter, c.page, found, c.days)];
}

/** Nudges everyone stuck, a page at a time in user-key order (a nudge does not move anyone in it). */
async function nudgeStuck(run: AdminRun): Promise<Reply[]> {
  const { view } = run;
  const { store } = run.deps;
  const { zones } = await store.counts(view.flow.id);
  const query = stuckQuery(view.flow, zones, view.now, view.remindAfterDays, view.holidays);
  let sent = 0;
  let stuck = 0;
  let after: string | undefined;
  do {
    const page = await store.people({ ...query, limit: 100, ...(after ? { after } : {}) });
    stuck += page.people.length;
    for (const p of page.people) if ((await nudge(run, p.user)) === 'sent') sent += 1;
    after = page.next;
  } while (after);
  return run.say('admin:nudge.stuck', { count: sent, stuck });
}

async function move(run: AdminRun, target: Progress, command: StaffCommand<'move'>): Promise<Reply[]> {
  const { flow } = run.view;
  const { stepId } = command;
  if (!findStep(flow, stepId)) {
    const steps = placedSteps(flow)
      .map((p) => p.step.id)
      .join(', ');
    return run.say('admin:unknown-step', { step: stepId.slice(0, 40), steps }, 'warning');
  }
  const text = run.t('admin:confirm.move', { who: personMark(target), step: run.view.stepTitle(stepId) });
  return ask(run, { action: 'move', target: target.user, stepId }, text);
}

async function reset(run: AdminRun, target: Progress): Promise<Reply[]> {
  const { flow } = run.view;
  const total = placedSteps(flow).length;
  const text = run.t('admin:confirm.reset', {
    who: personMark(target),
    done: doneCount(flow, target),
    total,
  });
  return ask(run, { action: 'reset', target: target.user }, text);
}

async function approve(run: AdminRun, target: Progress): Promise<Reply[]> {
  const { deps, view, t } = run;
  let approved: ReturnType<typeof approveChange>;
  const done = await deps.update(
    target.user,
    (fresh) => (approved = approveChange(deps.flows.of(fresh), fresh, run.actor, deps.translator.languages)),
  );
  if (!done || !approved) {
    const step = target.current ? view.stepTitle(target.current) : '-';
    return run.say('admin:approve.not-review', { who: personMark(target), step }, 'warning');
  }
  await tell(deps, done.progress, 'admin:person.approved', approved.outcomes);
  const current = done.progress.current;
  const next = current ? view.stepTitle(current) : t('admin:stats.finished-row');
  const step = view.stepTitle(approved.stepId);
  return run.say('admin:approve.done', { who: personMark(done.progress), step, next, id: done.entry.id });
}

/** Puts the person into another flow (their place in the one they leave is kept), and tells them. */
async function assign(run: AdminRun, target: Progress, command: StaffCommand<'assign'>): Promise<Reply[]> {
  const { deps } = run;
  const flow = deps.flows.get(command.flow);
  if (!flow) return unknownFlow(run, command.flow);
  const title = flowTitle(run, flow);
  if (target.flowId === flow.id)
    return run.say('admin:assign.already', { who: personMark(target), flow: title }, 'warning');
  let outcomes: Outcome[] = [];
  const done = await deps.update(target.user, (fresh) => {
    const change = assignChange(flow, fresh, run.actor, deps.translator.languages);
    outcomes = change.outcomes;
    return change;
  });
  if (!done) return run.say('admin:unknown-person', { who: target.user }, 'warning');
  await tell(deps, done.progress, 'admin:person.assigned', outcomes);
  return run.say('admin:assign.done', { who: personMark(done.progress), flow: title, id: done.entry.id });
}

/** Undoes an action once: a second undo of the same id (even at the same moment) changes nothing. */
async function undo(run: AdminRun, id: string): Promise<Reply[]> {
  const { deps, say } = run;
  const [entry] = await deps.store.auditLog({ id });
  if (!entry) return say('admin:undo.unknown', { id: id.slice(0, 20) }, 'warning');
  if (!entry.before || !entry.target) return say('admin:undo.nothing', { id: entry.id }, 'warning');
  let already: AuditEntry | undefined;
  // Checked inside the person's atomic update, right before the write: two undos at once see each other.
  const done = await deps.update(entry.target, async (fresh) => {
    [already] = await deps.store.auditLog({ undoes: entry.id, limit: 1 });
    return already ? undefined : undoChange(fresh, entry, run.actor);
  });
  if (already) return say('admin:undo.already', { id: entry.id, undo: already.id }, 'warning');
  if (!done) return say('admin:unknown-person', { who: entry.target }, 'warning');
  await tell(deps, done.progress, 'admin:person.undone', [{ show: 'status' }]);
  const action = run.t(`admin:actions.${entry.action}`);
  return say('admin:undo.done', {
    id: entry.id,
    action,
    who: personMark(done.progress),
    undo: done.entry.id,
  });
}
