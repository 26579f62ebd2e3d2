import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GuidepostError } from '../core/errors.js';
import { type Flow, FlowSchema } from '../core/index.js';
import { fromRoot } from '../paths.js';

/** Where the flows live: one JSON file each, its words in `locales/<language>/<flow id>.json`. */
const FLOWS_DIR = fromRoot('src', 'flows');
/** The shipped first flow: Tencent Cloud's guide to becoming a reseller. */
export const RESELLER_FLOW_FILE = join(FLOWS_DIR, 'reseller.json');

export class FlowFileError extends GuidepostError {
  readonly code = 'FLOW_INVALID' as const;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Flow file ${file} is invalid: ${detail}`);
  }
}

/** Reads and validates a flow file; a broken one is refused with the file and the path of the bad field. */
export async function loadFlow(file: string = RESELLER_FLOW_FILE): Promise<Flow> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new FlowFileError(file, (error as Error).message);
  }
  const parsed = FlowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new FlowFileError(file, `${path}: ${issue?.message ?? 'does not match the flow schema'}`);
  }
  return parsed.data;
}

/** Every flow file in `dir`, validated, in file-name order; a broken one is refused as `loadFlow` does. */
export async function loadFlows(dir: string = FLOWS_DIR): Promise<Flow[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  if (names.length === 0) throw new FlowFileError(dir, 'no flow files (*.json) in this folder');
  return Promise.all(names.map((name) => loadFlow(join(dir, name))));
}
