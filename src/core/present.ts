import type { Holidays } from './business-days.js';
import type { Outcome } from './engine.js';
import { placedSteps } from './flow.js';
import type { FlowCatalogue } from './flow-catalogue.js';
import type { Translator } from './ports.js';
import type { Presenting } from './present/context.js';
import { PRESENTERS } from './present/outcomes.js';
import type { Progress, ReplyDraft as Reply } from './types.js';

/** Turns outcomes into translated, platform-neutral replies for one person, in the flow they are in. */
export function createPresenter(
  flows: FlowCatalogue,
  translator: Translator,
  holidays: Holidays = new Set(),
) {
  return function present(outcomes: Outcome[], p: Progress, language: string): Reply[] {
    const flow = flows.of(p);
    const steps = placedSteps(flow);
    const t = (key: string, vars?: Record<string, unknown>) => translator.t(language, key, vars);
    const c: Presenting = {
      flow,
      flows,
      translator,
      holidays,
      steps,
      p,
      language,
      t,
      ft: (key, vars) => t(`${flow.id}:${key}`, vars),
    };
    return outcomes.flatMap((o) => (PRESENTERS[o.show] as (c: Presenting, o: Outcome) => Reply[])(c, o));
  };
}
