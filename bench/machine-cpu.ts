/**
 * The whole machine's CPU over a run, from Linux's /proc/stat: how busy its cores were and how much time
 * the hypervisor gave to other guests (steal). With what the bench's own processes spent, it says whether
 * a run shared the machine with other work, the usual reason two runs of the same code differ here.
 * Elsewhere (no /proc/stat) there is no reading and the report leaves it out.
 */
import { readFileSync } from 'node:fs';

/** Seconds of CPU since boot, summed over the cores. */
export interface CpuReading {
  busyS: number;
  stealS: number;
  at: number;
}

/** /proc/stat counts in USER_HZ, 100 a second on every Linux build Node supports. */
const TICKS_A_SECOND = 100;

/** The aggregate `cpu` line of /proc/stat read now; undefined where there is none. */
export function readMachineCpu(stat = '/proc/stat'): CpuReading | undefined {
  let text: string;
  try {
    text = readFileSync(stat, 'utf8');
  } catch {
    return undefined;
  }
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq].reduce<number>((s, v) => s + (v ?? 0), 0);
  return { busyS: busy / TICKS_A_SECOND, stealS: (steal ?? 0) / TICKS_A_SECOND, at: Date.now() };
}

/** Cores busy on average between two readings, and the share of the time stolen from them. */
export function machineBetween(a: CpuReading, b: CpuReading): { busyCores: number; stealCores: number } {
  const wallS = Math.max(0.001, (b.at - a.at) / 1000);
  return { busyCores: (b.busyS - a.busyS) / wallS, stealCores: (b.stealS - a.stealS) / wallS };
}
