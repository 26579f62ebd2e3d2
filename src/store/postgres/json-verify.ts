import { isDeepStrictEqual } from 'node:util';
import type { ProgressStore } from '../../core/index.js';
import type { StoreState } from '../state.js';
import type { CopyResult } from './json-copy.js';

/** What differs between the file and PostgreSQL after a copy; empty when they agree. */
export async function verifyCopy(
  state: StoreState,
  store: ProgressStore,
  copied: CopyResult,
): Promise<string[]> {
  const problems: string[] = [];
  const keys = await store.keys();
  if (keys.length !== copied.people)
    problems.push(`PostgreSQL holds ${keys.length} people, the file ${copied.people}`);
  if (copied.differing.length > 0)
    problems.push(
      `${copied.differing.length} people have another record in PostgreSQL already (changed there since; left as they are), e.g. ${copied.differing.slice(0, 3).join(', ')}`,
    );
  for (const flowId of copied.flows) {
    const [file, db] = [state.people.counts(flowId), await store.counts(flowId)];
    if (!isDeepStrictEqual(file, db)) problems.push(`the counts of flow "${flowId}" differ`);
  }
  const audit = await store.auditLog();
  if (audit.length !== copied.audit)
    problems.push(`PostgreSQL holds ${audit.length} staff actions, the file ${copied.audit}`);
  return problems;
}
