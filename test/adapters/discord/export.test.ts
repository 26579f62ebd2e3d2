import { gunzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { ATTACHMENT_LIMIT_BYTES } from '../../../adapters/discord/attachment.js';
import { placedSteps } from '../../../src/core/flow.js';
import type { Progress } from '../../../src/core/index.js';
import { type Harness, startHarness, textOf, visible } from './harness.js';
import { admin } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** So many finished people that their CSV passes Discord's 10 MiB upload limit (about 400 bytes each). */
const PEOPLE = 28_000;

it('an export over 10 MiB arrives through discord.js as a .csv.gz that gunzips to every person’s row', async () => {
  h = await startHarness();
  const { flow, store } = h.test;
  const steps = placedSteps(flow).map((s) => s.step.id);
  const users: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const user = `discord:dm:13${String(i * 7).padStart(17, '0')}`;
    const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
    const p: Progress = {
      user,
      flowId: flow.id,
      flowVersion: flow.version,
      current: null,
      steps: Object.fromEntries(steps.map((id) => [id, { enteredAt: at, doneAt: at }])),
      startedAt: at,
      finishedAt: at,
      updatedAt: at,
    };
    await store.save(p);
    users.push(user);
  }

  const { answers, first } = await admin(h, { sub: 'export' });
  const [file, ...more] = visible(answers)?.files ?? [];
  expect(more).toEqual([]);
  expect(file?.name).toBe('guidepost-reseller-2026-11-27.csv.gz');
  expect(file?.bytes.length).toBeLessThanOrEqual(ATTACHMENT_LIMIT_BYTES);
  const csv = gunzipSync(file?.bytes as Buffer).toString('utf8');
  expect(Buffer.byteLength(csv)).toBeGreaterThan(ATTACHMENT_LIMIT_BYTES);
  const [header, ...rows] = csv.slice(0, -2).split('\r\n');
  expect(header).toMatch(/^user,platform,language,current_step,steps_done,steps_total,/);
  expect(rows.map((r) => r.split(',')[0])).toEqual(users.sort());
  expect(rows[0]).toContain(`,discord,,finished,${steps.length},${steps.length},`);
  expect(textOf(first)).toContain(`(${PEOPLE} started)`);
  expect(textOf(first)).toContain('guidepost-reseller-2026-11-27.csv');
});
