import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machineBetween, readMachineCpu } from '../../bench/machine-cpu.js';

const dir = await mkdtemp(join(tmpdir(), 'guidepost-stat-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A /proc/stat with the aggregate line's user nice system idle iowait irq softirq steal in ticks. */
async function stat(name: string, ticks: number[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `cpu  ${ticks.join(' ')} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2\n`);
  return file;
}

describe('the machine CPU reading beside the bench figures', () => {
  it('counts busy time (not idle or iowait) and steal, in seconds, from the aggregate line', async () => {
    const r = readMachineCpu(await stat('a', [1000, 50, 300, 9000, 400, 20, 30, 150]));
    expect(r?.busyS).toBeCloseTo(14);
    expect(r?.stealS).toBeCloseTo(1.5);
  });

  it('gives cores busy and stolen on average between two readings', () => {
    const a = { busyS: 100, stealS: 1, at: 0 };
    const b = { busyS: 103, stealS: 1.5, at: 2_000 };
    expect(machineBetween(a, b)).toEqual({ busyCores: 1.5, stealCores: 0.25 });
  });

  it('has no reading where there is no /proc/stat (the report then leaves it out)', () => {
    expect(readMachineCpu(join(dir, 'absent'))).toBeUndefined();
  });
});
