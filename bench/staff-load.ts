import type { Bot, IncomingEvent } from '../src/core/index.js';
import { BENCH_STAFF, drive, stallMonitor, userKey } from './measure.js';

/** What staff ask (a label, the words they type); `user` names one person in the store. */
const STAFF_QUESTIONS: [string, string][] = [
  ['stats', 'admin stats'],
  ['list', 'admin list'],
  ['list stuck', 'admin list stuck 3'],
  ['user', `admin user ${userKey(7)}`],
  ['export', 'admin export'],
];

export interface StaffFigures {
  /** The slowest staff answer (ms), and each question's own time. */
  adminMs: number;
  perQuestionMs: Record<string, number>;
  /** The longest event-loop stall while staff questions were answered (ms). */
  adminStallMs: number;
  /** How long a reminder sweep took, how many went out, and the longest stall during it (ms). */
  sweepMs: number;
  sweepSent: number;
  sweepStallMs: number;
}

/** Person events, 20 in flight, until `until` resolves: the load staff questions must not hold up. */
async function whileBusy<T>(bot: Bot, next: () => IncomingEvent, until: Promise<T>): Promise<T> {
  let done = false;
  const result = until.finally(() => {
    done = true;
  });
  const load = (async () => {
    while (!done) await drive((e) => bot.handle(e), next, 200, 20);
  })();
  const [value] = await Promise.all([result, load]);
  return value;
}

/** Staff questions one after another, then a reminder sweep, each while person events keep arriving. */
export async function measureStaff(bot: Bot, next: () => IncomingEvent): Promise<StaffFigures> {
  const perQuestionMs: Record<string, number> = {};
  const adminMonitor = stallMonitor();
  await whileBusy(
    bot,
    next,
    (async () => {
      for (const [label, text] of STAFF_QUESTIONS) {
        const t = performance.now();
        const replies = await bot.handle({ user: BENCH_STAFF, text });
        // A file is read as an adapter reads it (the export streams page by page): its time counts.
        for (const reply of replies) if (reply.file) for await (const _ of reply.file.body());
        perQuestionMs[label] = performance.now() - t;
      }
    })(),
  );
  const adminStallMs = adminMonitor.stop();
  const sweepMonitor = stallMonitor();
  const t = performance.now();
  const sweepSent = await whileBusy(bot, next, bot.remind());
  const sweepMs = performance.now() - t;
  return {
    adminMs: Math.max(...Object.values(perQuestionMs)),
    perQuestionMs,
    adminStallMs,
    sweepMs,
    sweepSent,
    sweepStallMs: sweepMonitor.stop(),
  };
}
