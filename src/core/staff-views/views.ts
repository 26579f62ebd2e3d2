import { csvExport } from '../admin/records.js';
import type { BotContext } from '../bot-context.js';
import { doneCount } from '../engine.js';
import type { Flow } from '../flow.js';
import { placedSteps } from '../flow.js';
import { isFinished } from '../progress.js';
import { stuckQuery } from '../stuck-bounds.js';
import { platformOf } from '../types.js';
import { attentionLists } from './attention.js';
import { chosenFlow, flowChoice } from './flows.js';
import { cohortRows, funnelSteps } from './funnel.js';
import { personSteps, timeline } from './timeline.js';
import type { StaffViews } from './types.js';

/** The staff views over the bot's store, flows and words (see `StaffViews`). */
export function createStaffViews(ctx: BotContext): StaffViews {
  const { flows, store, translator, clock, settings } = ctx;
  const words = (language: string, flow: Flow) => ({
    t: (key: string, vars?: Record<string, unknown>) => translator.t(language, key, vars),
    title: (stepId: string) => translator.t(language, `${flow.id}:steps.${stepId}.title`),
    choices: flows.all.map((f) => flowChoice(translator, language, f)),
    flow: flowChoice(translator, language, flow),
  });
  return {
    async funnel(language, flowId) {
      const flow = await chosenFlow(flows, store, flowId);
      if (!flow) return undefined;
      const w = words(language, flow);
      const counts = await store.counts(flow.id);
      const query = stuckQuery(flow, counts.zones, clock.now(), settings.remindAfterDays, settings.holidays);
      const stuck = await store.people({ ...query, limit: 1, total: true });
      return {
        flow: w.flow,
        flows: w.choices,
        started: counts.started,
        finished: counts.finished,
        stuck: stuck.total ?? 0,
        remindAfterDays: settings.remindAfterDays,
        steps: funnelSteps(flow, counts, w.title),
        cohorts: cohortRows(flow, counts),
      };
    },
    async attention(language, days, flowId) {
      const flow = await chosenFlow(flows, store, flowId);
      if (!flow) return undefined;
      const w = words(language, flow);
      const now = clock.now();
      const lists = await attentionLists({
        store,
        flow,
        now,
        days,
        holidays: settings.holidays,
        stepTitle: w.title,
      });
      return { flow: w.flow, flows: w.choices, days, ...lists };
    },
    async person(language, user) {
      const p = await store.load(user);
      if (!p) return undefined;
      const flow = flows.of(p);
      const w = words(language, flow);
      const actions = await store.auditLog({ target: user });
      return {
        user,
        ...(p.displayName ? { name: p.displayName } : {}),
        platform: platformOf(user),
        flow: w.flow,
        done: doneCount(flow, p),
        total: placedSteps(flow).length,
        finished: isFinished(p),
        steps: personSteps(flow, p, w.title),
        timeline: timeline(flow, p, actions, w.t, w.title),
      };
    },
    async exportCsv(staff, flowId) {
      const flow = await chosenFlow(flows, store, flowId);
      return flow ? (await csvExport(store, flow, staff, clock.now())).file : undefined;
    },
  };
}
