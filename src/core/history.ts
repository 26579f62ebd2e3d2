import type { HistoryEntry, Progress } from './types.js';

/**
 * Each kind keeps its newest entries, so that a run of one kind never pushes out the entries another
 * kind's limit reads (the last escalation, the staff alert of this review, the answer to it).
 */
const PER_KIND_LIMIT = 20;

/** Clocks of two machines (or one corrected by NTP) disagree by this much without anyone being wrong. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Appends to a person's history, keeping the newest entries of each kind. */
export function withHistory(p: Progress, entry: HistoryEntry): Progress {
  const all = [...(p.history ?? []), entry];
  const seen = new Map<HistoryEntry['kind'], number>();
  const kept: HistoryEntry[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const h = all[i] as HistoryEntry;
    const n = seen.get(h.kind) ?? 0;
    if (n < PER_KIND_LIMIT) kept.push(h);
    seen.set(h.kind, n + 1);
  }
  return kept.length === all.length ? { ...p, history: all } : { ...p, history: kept.reverse() };
}

/**
 * True when an entry's time is not in the future. An entry written while the clock ran ahead (and was then
 * corrected) says nothing about when it really happened: limits ignore it instead of counting it as recent
 * until real time catches up. Counting it as "now" would block just the same, every day until then.
 */
export const notFromTheFuture = (at: string, now: Date): boolean =>
  Date.parse(at) <= now.getTime() + CLOCK_SKEW_MS;

/** True when `at` lies within `ms` before `now` (and not in the future). */
export const within = (at: string, now: Date, ms: number): boolean =>
  notFromTheFuture(at, now) && Date.parse(at) > now.getTime() - ms;

/** Entries of one kind about this visit of the current step (a step entered again starts afresh). */
export function thisVisit(p: Progress, kind: HistoryEntry['kind']): HistoryEntry[] {
  const entered = p.current ? Date.parse(p.steps[p.current]?.enteredAt ?? p.updatedAt) : 0;
  return (p.history ?? []).filter(
    (h) => h.kind === kind && h.stepId === p.current && Date.parse(h.at) >= entered,
  );
}
