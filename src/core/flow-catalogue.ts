import { NamedError } from './errors.js';
import type { Flow } from './flow.js';
import type { Progress } from './types.js';

/** The flows the bot runs, by id, with the one new people start on. */
export interface FlowCatalogue {
  /** Every flow, the default first, then by id. */
  readonly all: readonly [Flow, ...Flow[]];
  readonly default: Flow;
  get(id: string): Flow | undefined;
  /** The flow a person's record is in; the default for a record of a flow the bot no longer runs. */
  of(p: Pick<Progress, 'flowId'>): Flow;
}

/**
 * The catalogue of `flows`, refused (naming the setting or the flow file's field) when two flows share
 * an id, the default is not one of them, or a flow's `next` names a flow that is not there.
 */
export function createFlowCatalogue(flows: readonly Flow[], defaultId?: string): FlowCatalogue {
  const byId = new Map<string, Flow>();
  for (const flow of flows) {
    if (byId.has(flow.id)) throw new NamedError('FLOW_INVALID', `Two flow files use the id "${flow.id}".`);
    byId.set(flow.id, flow);
  }
  const chosen = defaultId ?? flows[0]?.id;
  const first = chosen === undefined ? undefined : byId.get(chosen);
  if (!first) {
    const known = [...byId.keys()].join(', ') || 'none';
    throw new NamedError('CONFIG_INVALID', `DEFAULT_FLOW "${chosen ?? ''}" is not a flow (flows: ${known}).`);
  }
  for (const flow of flows) {
    if (flow.next !== undefined && !byId.has(flow.next)) {
      throw new NamedError(
        'FLOW_INVALID',
        `Flow "${flow.id}": next names "${flow.next}", which is not a flow.`,
      );
    }
  }
  const rest = flows.filter((f) => f !== first).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    all: [first, ...rest],
    default: first,
    get: (id) => byId.get(id),
    of: (p) => byId.get(p.flowId) ?? first,
  };
}
