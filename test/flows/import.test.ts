import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../src/core/flow.js';
import { checkFlows } from '../../src/flows/check.js';
import { importGuides } from '../../src/flows/import/import-guides.js';
import { loadFlow, RESELLER_FLOW_FILE } from '../../src/flows/load.js';
import { collectRun, ROOT } from '../helpers/run-main.js';
import { sharedFile } from '../helpers/shared-dir.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const guide = (name: string) => sharedFile('seed', 'tencent-docs', name);
const DOCS = guide('reseller-registration.en.md') && guide('reseller-registration.zh.md');
if (!DOCS) console.log('skipped: the Tencent guides (../shared/seed/tencent-docs) are not on this machine');
const withDocs = DOCS ? describe : describe.skip;

/** `npm run flow:import -- …` as a child process. */
const flowImport = (args: string[]) =>
  collectRun(
    spawn(process.execPath, ['--import', 'tsx', 'src/cli/flow-import.ts', ...args], {
      cwd: ROOT,
      stdio: 'pipe',
    }),
    30_000,
  );

/** A flow's facts by position: per stage, per step, the links, screenshots and wait. */
const skeleton = (flow: Flow) =>
  flow.stages.map((stage) =>
    stage.steps.map((step) => ({
      links: step.links.map((l) => l.url),
      images: step.images.map((i) => i.url),
      wait: step.wait ?? null,
    })),
  );

async function writeGuide(dir: string, name: string, markdown: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, markdown);
  return file;
}

withDocs('importing a Tencent guide', () => {
  it('reproduces the shipped reseller flow’s skeleton from the English and Chinese guides', async () => {
    const shipped = await loadFlow(RESELLER_FLOW_FILE);
    const { flow, locales } = await importGuides('reseller', [
      guide('reseller-registration.en.md') as string,
      guide('reseller-registration.zh.md') as string,
    ]);
    expect(flow.stages).toHaveLength(3);
    expect(flow.stages.flatMap((s) => s.steps)).toHaveLength(11);
    expect(skeleton(flow)).toEqual(skeleton(shipped));
    expect(flow.stages.flatMap((s) => s.steps.flatMap((step) => step.images))).toHaveLength(10);
    // Texts from each language's own guide, facts the same.
    const [firstStep] = flow.stages[0]?.steps ?? [];
    const en = locales.en as { steps: Record<string, { body: string }> };
    const zh = locales['zh-CN'] as { steps: Record<string, { body: string }> };
    expect(en.steps[firstStep?.id as string]?.body).toContain('Tencent Cloud account registration page');
    expect(zh.steps[firstStep?.id as string]?.body).toContain('腾讯云账户注册页');
  });

  it('imports the sequel and the sibling guides: their stages, steps, screenshots, link and wait', async () => {
    const expected = {
      // Signing (5 steps), renewal (3), non-renewal (2); 12 screenshots.
      'reseller-online-contract': { steps: [5, 3, 2], images: 12, links: [], waits: [] },
      'reseller-partner-center-login': {
        steps: [3],
        images: 3,
        links: ['https://intl.cloud.tencent.com/login'],
        waits: [],
      },
      // The verification review: "2-3 business days" / "2-3个工作日".
      'second-level-reseller-invited-registration': {
        steps: [2, 2, 2],
        images: 6,
        links: [],
        waits: [{ minDays: 2, maxDays: 3 }],
      },
    };
    for (const [name, want] of Object.entries(expected)) {
      const { flow, locales } = await importGuides(name, [
        guide(`${name}.en.md`) as string,
        guide(`${name}.zh.md`) as string,
      ]);
      const steps = flow.stages.flatMap((s) => s.steps);
      expect(
        {
          steps: flow.stages.map((s) => s.steps.length),
          images: steps.flatMap((s) => s.images).length,
          links: steps.flatMap((s) => s.links.map((l) => l.url)),
          waits: steps.flatMap((s) => (s.wait ? [s.wait] : [])),
        },
        name,
      ).toEqual(want);
      expect(Object.keys(locales)).toEqual(['en', 'zh-CN']);
    }
    const contract = await importGuides('contract', [
      guide('reseller-online-contract.en.md') as string,
      guide('reseller-online-contract.zh.md') as string,
    ]);
    const [sign] = contract.flow.stages[0]?.steps ?? [];
    // The guide's opening `>?` note is help on the first step: signing comes before the Partner console.
    expect(sign?.help).toHaveLength(1);
    const help = (contract.locales.en as { steps: Record<string, { help: Record<string, string> }> }).steps[
      sign?.id as string
    ]?.help;
    expect(Object.values(help ?? {})[0]).toContain('must sign the contract');
  });

  it('refuses a pair whose languages disagree, naming the step (the second-level Partner Center login)', async () => {
    await expect(
      importGuides('x', [
        guide('second-level-reseller-partner-center-login.en.md') as string,
        guide('second-level-reseller-partner-center-login.zh.md') as string,
      ]),
    ).rejects.toThrow(/stage 1, step 1 .*links differ/);
  });

  it('writes a flow that flow:check accepts only once its TODO texts and screenshots are written (the CLI, end to end)', async () => {
    const out = await tempDir();
    const run = await flowImport([
      guide('reseller-partner-center-login.en.md') as string,
      guide('reseller-partner-center-login.zh.md') as string,
      ...['--id', 'login', '--out', out],
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 stages, 3 steps');
    const dirs = { flowsDir: join(out, 'src', 'flows'), localesDir: join(out, 'locales') };
    const before = await checkFlows(dirs);
    expect(before.problems.filter((p) => p.message === 'the screenshot is not described yet')).toHaveLength(
      6,
    );
    // Once a person has written every text the importer left (TODO), the flow passes.
    for (const language of ['en', 'zh-CN']) {
      const file = join(dirs.localesDir, language, 'login.json');
      const written = (await readFile(file, 'utf8')).replace(/"TODO[:：][^"]*"/g, '"Written by a person"');
      await writeFile(file, written);
    }
    expect((await checkFlows(dirs)).problems).toEqual([]);
    // A second import over the files is refused without --force.
    const again = await flowImport([
      guide('reseller-partner-center-login.en.md') as string,
      '--id',
      'login',
      '--out',
      out,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists (add --force to replace it)');
  });
});

describe('guides the importer refuses, with the file and line', () => {
  it('no steps, an image before the first step, a missing file, a language given twice', async () => {
    const dir = await tempDir();
    const none = await writeGuide(dir, 'none.en.md', '### Overview\n\nJust words, no steps.\n');
    await expect(importGuides('x', [none])).rejects.toThrow(`${none}:1: no steps found`);
    const early = await writeGuide(
      dir,
      'early.en.md',
      '### Stage\n\n![](https://example.com/a.png)\n\nStep 1. Do it.\n',
    );
    await expect(importGuides('x', [early])).rejects.toThrow(
      `${early}:3: image https://example.com/a.png is outside any step`,
    );
    await expect(importGuides('x', [join(dir, 'absent.en.md')])).rejects.toThrow(
      /absent\.en\.md:0: cannot be read \(ENOENT\)/,
    );
    const ok = await writeGuide(dir, 'ok.en.md', '### Stage\n\nStep 1. Do it.\n');
    await expect(importGuides('x', [ok, ok])).rejects.toThrow('two guides in the same language');
  });

  it('a step missing in one language stops the import, naming the stage and both files', async () => {
    const dir = await tempDir();
    const en = await writeGuide(
      dir,
      'g.en.md',
      '### One\n\nStep 1. Open the page.\n\nStep 2. Click **Next**.\n',
    );
    const zh = await writeGuide(dir, 'g.zh.md', '### 一\n\n第一步：打开页面。\n');
    await expect(importGuides('g', [en, zh])).rejects.toThrow(
      /g\.en\.md and .*g\.zh\.md:1: stage 1 \("One"\) has 2 steps against 1/,
    );
  });

  it('a guide without stages, with steps and images in one paragraph and an <img>, becomes one stage', async () => {
    const dir = await tempDir();
    const en = await writeGuide(
      dir,
      'flat.en.md',
      'Step 1. Log in [here](https://example.com/login).\n![](https://example.com/1.png)\nStep 2. Wait 3 business days.\n<img src="https://example.com/2.png">\n',
    );
    const { flow } = await importGuides('flat', [en]);
    expect(skeleton(flow)).toEqual([
      [
        { links: ['https://example.com/login'], images: ['https://example.com/1.png'], wait: null },
        { links: [], images: ['https://example.com/2.png'], wait: { minDays: 3, maxDays: 3 } },
      ],
    ]);
  });
});
