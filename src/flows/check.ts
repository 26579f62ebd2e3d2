import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Flow, FlowSchema, flowKeys } from '../core/flow.js';
import { leafKeys } from '../i18n/translator.js';
import { TO_WRITE } from './import/to-flow.js';

/** One thing wrong: the file, where in it (a JSON path), and what. */
export interface Problem {
  file: string;
  path: string;
  message: string;
}

export interface CheckReport {
  flows: number;
  languages: string[];
  problems: Problem[];
}

/** A review the bot waits on for longer than this many business days is most likely a typo. */
const MAX_WAIT_DAYS = 30;

/**
 * Every flow in `flowsDir` with its texts in `localesDir/<language>/<flow id>.json`: the schema (every
 * issue, not the first), ids unique, waits sensible, every text present and written (not the
 * importer's TODO) in every language, every screenshot described, and no text for a step that is gone.
 */
export async function checkFlows(dirs: { flowsDir: string; localesDir: string }): Promise<CheckReport> {
  const flowFiles = (await readdir(dirs.flowsDir)).filter((f) => f.endsWith('.json')).sort();
  const languages = (await readdir(dirs.localesDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const problems: Problem[] = [];
  const read: { file: string; flow: Flow }[] = [];
  for (const name of flowFiles) {
    const file = join(dirs.flowsDir, name);
    const flow = await readFlow(file, problems);
    if (!flow) continue;
    read.push({ file, flow });
    problems.push(...idProblems(file, flow), ...waitProblems(file, flow));
    for (const language of languages)
      problems.push(...(await textProblems(join(dirs.localesDir, language, `${flow.id}.json`), flow)));
  }
  problems.push(...nextProblems(read));
  return { flows: flowFiles.length, languages, problems };
}

async function readJson(file: string, problems: Problem[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      file,
      path: '(file)',
      message: code ? `cannot be read (${code})` : `not JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
}

async function readFlow(file: string, problems: Problem[]): Promise<Flow | undefined> {
  const raw = await readJson(file, problems);
  if (raw === undefined) return undefined;
  const parsed = FlowSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    problems.push({ file, path: issue.path.join('.') || '(root)', message: issue.message });
  return undefined;
}

/** Stage ids, and each step's link, image, help and checklist ids, used once each (step ids: the schema). */
function idProblems(file: string, flow: Flow): Problem[] {
  const problems: Problem[] = [];
  const twice = (ids: string[], path: (i: number) => string, what: string) =>
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        problems.push({ file, path: path(i), message: `${what} id "${id}" is used twice` });
    });
  twice(
    flow.stages.map((s) => s.id),
    (i) => `stages.${i}.id`,
    'stage',
  );
  for (const [s, stage] of flow.stages.entries())
    for (const [k, step] of stage.steps.entries()) {
      const at = `stages.${s}.steps.${k}`;
      for (const [list, what] of [
        ['links', 'link'],
        ['images', 'image'],
        ['help', 'help'],
      ] as const)
        twice(
          step[list].map((x) => x.id),
          (i) => `${at}.${list}.${i}.id`,
          what,
        );
      twice(step.checklist, (i) => `${at}.checklist.${i}`, 'checklist');
    }
  return problems;
}

function waitProblems(file: string, flow: Flow): Problem[] {
  return flow.stages.flatMap((stage, s) =>
    stage.steps.flatMap((step, k) =>
      step.wait && step.wait.maxDays > MAX_WAIT_DAYS
        ? [
            {
              file,
              path: `stages.${s}.steps.${k}.wait.maxDays`,
              message: `${step.wait.maxDays} business days is longer than ${MAX_WAIT_DAYS}`,
            },
          ]
        : [],
    ),
  );
}

async function textProblems(file: string, flow: Flow): Promise<Problem[]> {
  const problems: Problem[] = [];
  const raw = await readJson(file, problems);
  if (raw === undefined) return problems;
  const texts = raw as Record<string, unknown>;
  const wanted = new Set(flowKeys(flow));
  for (const key of wanted) {
    const value = valueAt(texts, key);
    const image = /^steps\.[^.]+\.images\./.test(key);
    if (typeof value !== 'string' || value.trim() === '')
      problems.push({ file, path: key, message: image ? 'the screenshot has no alt text' : 'missing' });
    else if (value.startsWith(TO_WRITE))
      problems.push({
        file,
        path: key,
        message: image ? 'the screenshot is not described yet' : 'not written yet',
      });
  }
  for (const key of leafKeys(texts as Parameters<typeof leafKeys>[0]))
    if (!wanted.has(key))
      problems.push({ file, path: key, message: `the flow "${flow.id}" has nothing this text is for` });
  return problems;
}

function valueAt(texts: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      texts,
    );
}

/** A flow's `next` must name a flow in the same folder. */
function nextProblems(read: readonly { file: string; flow: Flow }[]): Problem[] {
  const ids = new Set(read.map(({ flow }) => flow.id));
  return read
    .filter(({ flow }) => flow.next !== undefined && !ids.has(flow.next))
    .map(({ file, flow }) => ({
      file,
      path: 'next',
      message: `names the flow "${flow.next}", which is not in this folder (flows: ${[...ids].join(', ')})`,
    }));
}
