import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlows } from '../../src/flows/check.js';
import { collectRun, ROOT } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A copy of the shipped flows and locales to break, one way per test. */
async function copyShipped() {
  const dir = await tempDir();
  await cp(join(ROOT, 'src', 'flows'), join(dir, 'flows'), {
    recursive: true,
    filter: (f) => !f.endsWith('.ts'),
  });
  await cp(join(ROOT, 'locales'), join(dir, 'locales'), { recursive: true });
  const dirs = { flowsDir: join(dir, 'flows'), localesDir: join(dir, 'locales') };
  // biome-ignore lint/suspicious/noExplicitAny: each test breaks the JSON its own way
  const edit = async (file: string, change: (json: any) => void) => {
    const json = JSON.parse(await readFile(file, 'utf8'));
    change(json);
    await writeFile(file, JSON.stringify(json));
  };
  return {
    dirs,
    flowFile: join(dirs.flowsDir, 'reseller.json'),
    zhFile: join(dirs.localesDir, 'zh-CN', 'reseller.json'),
    enFile: join(dirs.localesDir, 'en', 'reseller.json'),
    edit,
  };
}

const problems = async (dirs: { flowsDir: string; localesDir: string }) =>
  (await checkFlows(dirs)).problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);

describe('flow:check', () => {
  it('accepts the shipped flows in every language (the command npm test runs)', async () => {
    const run = await collectRun(
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/flow-check.ts'], { cwd: ROOT, stdio: 'pipe' }),
      30_000,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/flow:check: \d+ flows, 2 languages \(en, zh-CN\), OK/);
  });

  it('names the file and path of a missing Chinese text and of a text for a step that is gone', async () => {
    const c = await copyShipped();
    await c.edit(c.zhFile, (zh) => {
      delete zh.steps.register.title;
      zh.steps.vanished = { title: '旧的' };
    });
    expect(await problems(c.dirs)).toEqual([
      `${c.zhFile}: steps.register.title: missing`,
      `${c.zhFile}: steps.vanished.title: the flow "reseller" has nothing this text is for`,
    ]);
  });

  it('names a screenshot without alt text, and one the importer left to describe', async () => {
    const c = await copyShipped();
    await c.edit(c.enFile, (en) => {
      en.steps.register.images.form = '';
      en.steps.activate.images.email = 'TODO: describe this screenshot';
    });
    expect(await problems(c.dirs)).toEqual([
      `${c.enFile}: steps.register.images.form: the screenshot has no alt text`,
      `${c.enFile}: steps.activate.images.email: the screenshot is not described yet`,
    ]);
  });

  it('reports every schema problem of a flow at once: a step id twice, an http link, a wait the wrong way round', async () => {
    const c = await copyShipped();
    await c.edit(c.flowFile, (flow) => {
      const [first, second] = flow.stages[0].steps;
      second.id = first.id;
      first.links[0].url = 'http://intl.cloud.tencent.com/register';
      flow.stages[1].steps[2].wait = { minDays: 4, maxDays: 2 };
    });
    const found = await problems(c.dirs);
    expect(found).toContain(`${c.flowFile}: stages.0.steps.1.id: step id "register" is used twice`);
    expect(found.some((p) => p.startsWith(`${c.flowFile}: stages.0.steps.0.links.0.url:`))).toBe(true);
    expect(found).toContain(`${c.flowFile}: stages.1.steps.2.wait: minDays must not exceed maxDays`);
  });

  it('names a duplicate screenshot id and a wait of months', async () => {
    const c = await copyShipped();
    await c.edit(c.flowFile, (flow) => {
      const activate = flow.stages[0].steps[1];
      activate.images[1].id = activate.images[0].id;
      flow.stages[1].steps[2].wait = { minDays: 2, maxDays: 90 };
    });
    const found = await problems(c.dirs);
    expect(found).toContain(`${c.flowFile}: stages.0.steps.1.images.1.id: image id "email" is used twice`);
    expect(found).toContain(
      `${c.flowFile}: stages.1.steps.2.wait.maxDays: 90 business days is longer than 30`,
    );
  });

  it('names a `next` that is no flow of the folder', async () => {
    const c = await copyShipped();
    await c.edit(c.flowFile, (flow) => {
      flow.next = 'contrakt';
    });
    expect(await problems(c.dirs)).toEqual([
      `${c.flowFile}: next: names the flow "contrakt", which is not in this folder (flows: contract, reseller, second-level-reseller)`,
    ]);
  });

  it('names a migration note that sends people to a step the flow does not have', async () => {
    const c = await copyShipped();
    await c.edit(c.flowFile, (flow) => {
      flow.version = 2;
      flow.migrations = [{ version: 2, notes: [{ kind: 'remove', from: 'fax-form', to: 'bind-crad' }] }];
    });
    expect(await problems(c.dirs)).toEqual([
      `${c.flowFile}: migrations.0.notes.0.to: sends people to "bind-crad", which is not a step of the flow`,
    ]);
  });
});
