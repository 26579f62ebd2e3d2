import type { Flow } from '../flow.js';
import type { FlowCatalogue } from '../flow-catalogue.js';
import type { ProgressStore, Translator } from '../ports.js';
import type { FlowChoice } from './types.js';

/** The flow with the most people who started it (the default flow on a tie, and when nobody has). */
export async function mostUsedFlow(
  flows: FlowCatalogue,
  store: Pick<ProgressStore, 'counts'>,
): Promise<Flow> {
  let best = flows.default;
  let most = (await store.counts(best.id)).started;
  for (const flow of flows.all) {
    const started = (await store.counts(flow.id)).started;
    if (started > most) [best, most] = [flow, started];
  }
  return best;
}

/** The flow asked for by id, else the one most people are in; undefined for an id that is no flow. */
export async function chosenFlow(
  flows: FlowCatalogue,
  store: Pick<ProgressStore, 'counts'>,
  flowId: string | undefined,
): Promise<Flow | undefined> {
  return flowId === undefined || flowId === '' ? mostUsedFlow(flows, store) : flows.get(flowId);
}

export const flowChoice = (translator: Translator, language: string, flow: Flow): FlowChoice => ({
  id: flow.id,
  title: translator.t(language, `${flow.id}:title`),
});
