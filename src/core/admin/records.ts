import { doneCount } from '../engine.js';
import { type Flow, placedSteps } from '../flow.js';
import { partOf } from '../flow-parts.js';
import { STEP_MARKS } from '../marks.js';
import { personMark } from '../person.js';
import type { ProgressStore } from '../ports.js';
import type { AuditEntry, Progress, ReplyDraft as Reply, UserKey } from '../types.js';
import { type AdminView, platformName, stamp } from './context.js';

/** One person's timeline: every step with when it was started and done, reminders, admin actions. */
export function timelineReply(view: AdminView, p: Progress, actions: AuditEntry[]): Reply {
  const { t } = view;
  const steps = placedSteps(view.flow).map(({ step, index }) => {
    const r = p.steps[step.id];
    const mark = STEP_MARKS[r?.doneAt ? 'done' : p.current === step.id ? 'current' : 'todo'];
    const times = [
      r?.enteredAt ? t('admin:user.started', { at: stamp(r.enteredAt) }) : '',
      r?.doneAt ? t('admin:user.done', { at: stamp(r.doneAt) }) : '',
    ].filter(Boolean);
    return `${mark} ${index + 1}. ${view.stepTitle(step.id)}${times.length ? ` · ${times.join(' · ')}` : ''}`;
  });
  const history = (p.history ?? []).map(
    (h) =>
      `${stamp(h.at)} · ${t(`admin:history.${h.kind}`)}${h.stepId ? ` · ${view.stepTitle(h.stepId)}` : ''}${h.detail ? ` · ${h.detail}` : ''}`,
  );
  const audit = [...actions].reverse().map((a) => auditLine(view, a));
  const total = placedSteps(view.flow).length;
  return {
    kind: 'admin',
    title: personMark(p),
    text: [
      t('admin:user.summary', {
        done: doneCount(view.flow, p),
        total,
        language: p.locale ?? '-',
        muted: p.muted ? '🔕' : '',
      }),
      steps.join('\n'),
      `**${t('admin:user.history')}**\n${history.length ? history.join('\n') : '-'}`,
      `**${t('admin:user.audit')}**\n${audit.length ? audit.join('\n') : '-'}`,
    ].join('\n\n'),
  };
}

function auditLine(view: AdminView, a: AuditEntry): string {
  const on = a.target ?? a.by;
  return `${a.id} · ${stamp(a.at)} · ${a.by} · ${view.t(`admin:actions.${a.action}`)} · ${on}${a.detail ? ` · ${a.detail}` : ''}`;
}

/** The latest admin actions on anyone, newest first (as the store gives them). */
export function auditReply(view: AdminView, entries: AuditEntry[]): Reply {
  return {
    kind: 'admin',
    title: view.t('admin:audit.title'),
    text: entries.length
      ? `${entries.map((entry) => auditLine(view, entry)).join('\n')}\n\n${view.t('admin:audit.undo-hint')}`
      : view.t('admin:audit.empty'),
  };
}

/**
 * Everyone's progress in `flow` as a CSV file made as it is read, noted in the audit log (who exported
 * how many people's data); `count` is the store's tally of those who started.
 */
export async function csvExport(
  store: Pick<ProgressStore, 'counts' | 'people' | 'record'>,
  flow: Flow,
  by: UserKey,
  now: Date,
) {
  const at = now.toISOString();
  const count = (await store.counts(flow.id)).started;
  await store.record({ at, by, action: 'export', detail: `${flow.id} ${count}` });
  const name = `guidepost-${flow.id}-${at.slice(0, 10)}.csv`;
  return { count, file: { name, mimeType: 'text/csv', body: () => progressCsv(flow, store) } };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** How many records one chunk of the export reads: one store page. */
const EXPORT_PAGE = 500;

/**
 * Everyone who started the flow, one store page at a time in user-key order, so the export never holds
 * more than one page of records.
 */
async function* startedPages(
  store: Pick<ProgressStore, 'people'>,
  flowId: string,
): AsyncGenerator<Progress[]> {
  let after: UserKey | undefined;
  do {
    const page = await store.people({
      flowId,
      started: true,
      limit: EXPORT_PAGE,
      ...(after ? { after } : {}),
    });
    yield page.people;
    after = page.next;
  } while (after !== undefined);
}

/**
 * Everyone's progress in one flow as CSV (people now in another flow with their place in this one): one row per person (in user-key order), one done-at column per step. The
 * header is the first chunk, then one chunk per store page, made only as the reader asks for it.
 */
async function* progressCsv(flow: Flow, store: Pick<ProgressStore, 'people'>): AsyncGenerator<string> {
  const steps = placedSteps(flow).map((p) => p.step.id);
  const header = [
    'user',
    'platform',
    'language',
    'current_step',
    'steps_done',
    'steps_total',
    'started_at',
    'finished_at',
    'last_active_at',
    'muted',
    'display_name',
    ...steps.map((s) => `done_${s}`),
  ];
  yield csvLines([header]);
  for await (const people of startedPages(store, flow.id)) {
    if (people.length === 0) continue;
    yield csvLines(
      people
        .map((person) => partOf(person, flow.id) ?? person)
        .map((p) => [
          p.user,
          platformName(p.user),
          p.locale,
          p.current ?? (p.finishedAt ? 'finished' : ''),
          doneCount(flow, p),
          steps.length,
          p.startedAt,
          p.finishedAt,
          p.activeAt ?? p.updatedAt,
          p.muted ? 'yes' : '',
          p.displayName,
          ...steps.map((s) => p.steps[s]?.doneAt),
        ]),
    );
  }
}

/** Rows as CSV lines, each ended by CRLF. */
const csvLines = (rows: (string | number | undefined)[][]): string =>
  rows.map((r) => `${r.map(cell).join(',')}\r\n`).join('');
