import type { Flow } from '../flow.js';
import { adminQuestion } from '../questions.js';
import type { Command, IncomingEvent, Progress, ReplyDraft as Reply } from '../types.js';
import type { AdminCommand } from './catalogue.js';
import { type AdminAnswer, answer } from './confirm.js';
import { HANDLERS } from './handlers.js';
import { parseAdmin } from './parse.js';
import type { AdminDeps, AdminRun } from './run.js';

export type { AdminDeps } from './run.js';

/** What staff sent: a staff command (typed or from a platform's own form), or a yes/no. */
export type AdminInput = { command: AdminCommand } | AdminAnswer;

/** What of an event is for staff handling: a staff command, or the answer to a staff member's question. */
export function adminInput(event: IncomingEvent, command: Command, before: Progress): AdminInput | undefined {
  if (event.staffCommand) return { command: event.staffCommand };
  if (command.type === 'admin') return { command: parseAdmin(command.args) };
  if (command.type === 'confirm' && adminQuestion(before)) {
    return { yes: command.yes, question: command.question };
  }
  return undefined;
}

/** Staff commands. `staff` is the staff member's own record (it holds their pending yes/no). */
export function createAdmin(deps: AdminDeps) {
  let asked = 0;

  return async function runAdmin(
    staff: Progress,
    input: AdminInput,
    now: Date,
    language: string,
  ): Promise<Reply[]> {
    const viewOf = (flow: Flow) => deps.view(staff.user, now, language, flow);
    const { t } = viewOf(deps.flows.default);
    const runIn = (flow: Flow): AdminRun => ({
      deps,
      staff,
      view: viewOf(flow),
      now,
      language,
      t,
      actor: { by: staff.user, now },
      say: (key, vars, kind = 'admin') => [{ kind, text: t(key, vars) }],
      // The time and a count, so two questions never share one name.
      questionId: () => `q${now.getTime().toString(36)}${(asked++).toString(36)}`,
      inFlow: runIn,
    });
    const run = runIn(deps.flows.default);
    if ('yes' in input) return answer(run, input);
    return dispatch(run, input.command);
  };
}

/** The command's own handler, by the table's name. */
function dispatch<C extends AdminCommand>(run: AdminRun, command: C): Promise<Reply[]> | Reply[] {
  const handler = HANDLERS[command.type as C['type']] as (
    run: AdminRun,
    command: C,
  ) => Promise<Reply[]> | Reply[];
  return handler(run, command);
}
