import { z } from 'zod';
import { AuditEntrySchema, ProgressSchema } from '../core/index.js';
import { StoreFileError } from './file-schema.js';
import { isCode } from './fs-durable.js';
import { forEachLine, type LinesRead } from './read-lines.js';
import type { StoreState } from './state.js';

/**
 * One journal line: a person's whole progress after a change, the delivery id handled with it, a staff
 * action written in the same line (so the change and its audit entry are durable together), and when.
 */
const JournalRecordSchema = z
  .object({
    p: ProgressSchema.optional(),
    d: z.string().optional(),
    a: AuditEntrySchema.optional(),
    t: z.iso.datetime(),
  })
  .refine((r) => r.p !== undefined || r.a !== undefined, { message: 'holds neither progress nor audit' });

export function journalLine(
  progressJson: string | undefined,
  deliveryId: string | undefined,
  at: number,
  auditJson?: string,
): string {
  const parts = [
    progressJson === undefined ? '' : `"p":${progressJson},`,
    deliveryId === undefined ? '' : `"d":${JSON.stringify(deliveryId)},`,
    auditJson === undefined ? '' : `"a":${auditJson},`,
  ];
  return `{${parts.join('')}"t":"${new Date(at).toISOString()}"}\n`;
}

export interface ReplayResult {
  /** Bytes up to the end of the last whole line: what the journal should be cut back to. */
  goodBytes: number;
  /** True when a torn last line (a crash in the middle of an append) was dropped. */
  tornTail: boolean;
}

/**
 * Applies a journal to the state, in order. Each line holds a whole record, so replaying a line twice
 * (or over a snapshot that already has it) changes nothing. Only the last line may be torn: it has no
 * newline because the crash came before the append finished, and it was never acknowledged. Any other
 * unreadable line stops start-up with the file and line named; nothing is changed on disk here.
 */
export async function replayJournal(path: string, state: StoreState): Promise<ReplayResult> {
  let lineNo = 0;
  let read: LinesRead;
  try {
    read = await forEachLine(path, (text) => {
      const record = parseRecord(text, path, ++lineNo);
      if (record.p) state.load(record.p, JSON.stringify(record.p), record.d, Date.parse(record.t));
      if (record.a) state.audit.put(record.a);
      return true;
    });
  } catch (error) {
    if (error instanceof StoreFileError) throw error;
    if (isCode(error, 'ENOENT')) return { goodBytes: 0, tornTail: false };
    throw new StoreFileError(path, (error as Error).message, error);
  }
  return { goodBytes: read.wholeBytes, tornTail: read.tail !== undefined };
}

function parseRecord(text: string, path: string, lineNo: number): z.infer<typeof JournalRecordSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(path, `line ${lineNo} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = JournalRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreFileError(path, `line ${lineNo}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
