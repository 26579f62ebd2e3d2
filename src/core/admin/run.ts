import type { Outcome } from '../engine.js';
import type { Flow } from '../flow.js';
import type { FlowCatalogue } from '../flow-catalogue.js';
import type { Notices } from '../notices.js';
import type { DashboardLinks, Logger, Notifier, ProgressStore, Translator } from '../ports.js';
import type { AuditEntry, Progress, ReplyDraft as Reply, UserKey } from '../types.js';
import { inLanguage } from '../types.js';
import { type Actor, type Change, nudgeChange } from './changes.js';
import type { AdminView } from './context.js';

export interface AdminDeps {
  flows: FlowCatalogue;
  store: ProgressStore;
  translator: Translator;
  notifier: Notifier;
  notices: Notices;
  logger: Logger;
  /** Sign-in links to the staff dashboard; absent when it is off (no DASHBOARD_PORT). */
  dashboard?: DashboardLinks;
  /** Replies for a person, in their language. */
  present(outcomes: Outcome[], p: Progress): Reply[];
  languageOf(p: Progress | undefined): string;
  /** What a staff view of `flow` needs, in the staff member's language. */
  view(staff: UserKey, now: Date, language: string, flow: Flow): AdminView;
  /**
   * Changes one person's record on a fresh copy, in the store's atomic update (so a change of theirs, or
   * a reminder, at the same moment is never lost), saving the record and its audit entry in one write.
   * `change` returns undefined to leave the record as it is.
   */
  update(
    user: UserKey,
    change: (fresh: Progress) => Promise<Change | undefined> | Change | undefined,
  ): Promise<{ progress: Progress; entry: AuditEntry } | undefined>;
}

export type NudgeResult = 'sent' | 'muted' | 'limited' | 'failed';

/** One staff command being answered: who asks, and the words to answer in. Many people come from the store's queries. */
export interface AdminRun {
  deps: AdminDeps;
  /** The staff member's own record (it holds their pending yes/no). */
  staff: Progress;
  view: AdminView;
  now: Date;
  /** The staff member's language. */
  language: string;
  actor: Actor;
  t: AdminView['t'];
  /** One reply of this kind with this text. */
  say(key: string, vars?: Record<string, unknown>, kind?: Reply['kind']): Reply[];
  /** A name for a new yes/no question. */
  questionId(): string;
  /** The same run looking at `flow` (a person's own flow, or the one staff asked for). */
  inFlow(flow: Flow): AdminRun;
}

/** Tells a person about a change staff made to their record, in their language. */
export async function tell(deps: AdminDeps, target: Progress, intro: string, outcomes: Outcome[]) {
  const language = deps.languageOf(target);
  const replies = [
    { kind: 'info' as const, text: deps.translator.t(language, intro) },
    ...deps.present(outcomes, target),
  ];
  const delivered = await deps.notifier.notify(target.user, inLanguage(replies, language));
  if (!delivered) deps.logger.warn({ user: target.user }, 'could not tell the person about an admin change');
}

/**
 * A staff reminder, sent from inside the person's queue (two staff at once cannot both pass the
 * once-a-day check) and recorded only once delivered, so a failed one does not use up the day.
 */
export async function nudge(run: AdminRun, target: UserKey): Promise<NudgeResult> {
  const { deps, actor } = run;
  let result: NudgeResult = 'muted';
  await deps.update(target, async (fresh) => {
    const change = nudgeChange(fresh, actor);
    if (typeof change === 'string') {
      result = change;
      return undefined;
    }
    const sent = await deps.notifier.notify(target, [deps.notices.idleNudge(fresh, deps.languageOf(fresh))]);
    result = sent ? 'sent' : 'failed';
    return sent ? change : undefined;
  });
  return result;
}
