import { z } from 'zod';
import { GuidepostError } from '../core/errors.js';
import { AuditEntrySchema, ProgressSchema, UserKeySchema } from '../core/index.js';

/** 2 added the audit log; version 1 files are read (their records' own audit entries move into it). */
export const STORE_FILE_VERSION = 2;

/** The store file as people can read, back up and diff it. */
export const StoreFileSchema = z
  .object({
    version: z.union([z.literal(1), z.literal(STORE_FILE_VERSION)]),
    users: z.record(UserKeySchema, ProgressSchema),
    /** Platform delivery ids already handled, with when: a repeat changes nothing. */
    deliveries: z.record(z.string(), z.iso.datetime()),
    /** Staff actions by id, oldest first. */
    audit: z.record(z.string(), AuditEntrySchema).optional(),
  })
  .superRefine((file, ctx) => {
    for (const [key, progress] of Object.entries(file.users)) {
      if (progress.user !== key) {
        ctx.addIssue({ code: 'custom', path: ['users', key, 'user'], message: 'does not match its key' });
      }
    }
    for (const [id, entry] of Object.entries(file.audit ?? {})) {
      if (entry.id !== id) {
        ctx.addIssue({ code: 'custom', path: ['audit', id, 'id'], message: 'does not match its key' });
      }
    }
  });
export type StoreFile = z.infer<typeof StoreFileSchema>;

export const emptyStoreFile = (): StoreFile => ({
  version: STORE_FILE_VERSION,
  users: {},
  deliveries: {},
  audit: {},
});

/** Delivery ids are remembered at least this long (platform retries come within minutes). */
export const DELIVERY_TTL_MS = 2 * 60 * 60 * 1000;

export class StoreFileError extends GuidepostError {
  readonly code = 'STORE_UNREADABLE' as const;
  constructor(
    readonly file: string,
    /** What is wrong with it, without the file's name. */
    readonly detail: string,
    /** The file-system error behind it, if any (start-up names STORE_FILE's fix from its code). */
    cause?: unknown,
  ) {
    super(
      `Store file ${file} cannot be used: ${detail}. It was left untouched; fix or move it and start again.`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** Parses and validates the file's text; anything else is refused, never replaced by defaults. */
export function parseStoreFile(text: string, file: string): StoreFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > STORE_FILE_VERSION) {
    throw new StoreFileError(
      file,
      `it was written by a newer version of Guidepost (store file version ${version}; this one reads up to ${STORE_FILE_VERSION}). Run that newer version, or restore a backup made by this one`,
    );
  }
  const parsed = StoreFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreFileError(
      file,
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unexpected content'}`,
    );
  }
  return parsed.data;
}

/** Drops delivery ids older than the TTL, in place. */
export function pruneDeliveries(deliveries: Record<string, string>, now: number): void {
  for (const [id, at] of Object.entries(deliveries)) {
    if (now - Date.parse(at) > DELIVERY_TTL_MS) delete deliveries[id];
  }
}
