import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowFileError, loadFlow, RESELLER_FLOW_FILE } from '../../src/flows/load.js';

const dir = await mkdtemp(join(tmpdir(), 'guidepost-flow-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const shipped = JSON.parse(await readFile(RESELLER_FLOW_FILE, 'utf8'));

async function loadVariant(name: string, change: (flow: typeof shipped) => unknown): Promise<unknown> {
  const file = join(dir, `${name}.json`);
  const copy = structuredClone(shipped);
  const changed = change(copy) ?? copy;
  await writeFile(file, typeof changed === 'string' ? changed : JSON.stringify(changed));
  return loadFlow(file).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('loading a flow', () => {
  it('accepts the shipped flow with the guide’s three addresses exactly', async () => {
    const flow = await loadFlow();
    const links = flow.stages.flatMap((s) => s.steps.flatMap((step) => step.links.map((l) => l.url)));
    expect(links).toEqual([
      'https://intl.cloud.tencent.com/register',
      'https://console.intl.cloud.tencent.com/developer',
      'https://console.cloud.tencent.com/partners/apply',
    ]);
    expect(flow.stages.flatMap((s) => s.steps.flatMap((step) => step.images))).toHaveLength(10);
  });

  const broken: [string, (f: typeof shipped) => unknown, string][] = [
    ['not JSON', () => '{ "id": ', 'JSON'],
    ['a missing step id', (f) => void delete f.stages[0].steps[1].id, 'stages.0.steps.1.id'],
    [
      'a link that is not https',
      (f) => {
        f.stages[1].steps[0].links[0].url = 'ftp://x';
      },
      'stages.1.steps.0.links.0.url',
    ],
    [
      'a review whose minimum exceeds its maximum',
      (f) => {
        f.stages[1].steps[2].wait = { minDays: 5, maxDays: 2 };
      },
      'stages.1.steps.2.wait',
    ],
    [
      'a step id used twice',
      (f) => {
        f.stages[2].steps[0].id = 'register';
      },
      'stages.2.steps.0.id',
    ],
    [
      'a stage without steps',
      (f) => {
        f.stages[2].steps = [];
      },
      'stages.2.steps',
    ],
    [
      'a step id that is not a slug',
      (f) => {
        f.stages[0].steps[0].id = 'Step One';
      },
      'stages.0.steps.0.id',
    ],
  ];
  for (const [what, change, path] of broken) {
    it(`refuses ${what}, naming the file and the bad field`, async () => {
      const error = await loadVariant(what.replace(/\W+/g, '-'), change);
      expect(error).toBeInstanceOf(FlowFileError);
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toContain(path);
    });
  }
});
