import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressStore } from '../../src/core/index.js';
import { StoreFileError } from '../../src/store/file-schema.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor, storeContract } from './contract.js';

/** Opens a store on a file, with the store's clock (ms since the epoch). */
export type OpenFileStore = (file: string, now?: () => number) => Promise<ProgressStore>;

/** Files no store may accept: each is refused at start, by name, and left byte-for-byte as it was. */
const REFUSED: [string, string][] = [
  ['corrupt JSON', '{"version":1,"users":{'],
  ['an empty file', ''],
  ['null', 'null'],
  ['a wrong version', JSON.stringify({ version: 99, users: {}, deliveries: {} })],
  [
    'a file written by a newer version (3)',
    JSON.stringify({ version: 3, users: {}, deliveries: {}, audit: {} }),
  ],
  [
    'a snapshot written by a newer version (3)',
    `{"version":3,"users":{\n"console:local:x":${JSON.stringify(progressFor('console:local:x'))}\n},"deliveries":{\n},"audit":{\n}}\n`,
  ],
  [
    'a progress record of the wrong shape',
    JSON.stringify({ version: 1, users: { 'console:local:x': { current: 3 } }, deliveries: {} }),
  ],
  [
    'a record filed under another person',
    JSON.stringify({
      version: 1,
      users: { 'console:local:x': progressFor('console:local:y') },
      deliveries: {},
    }),
  ],
];

/** The store contract with restarts on real files in temp folders, plus the files that must be refused. */
export function fileStoreContract(name: string, open: OpenFileStore): void {
  const tempDir = useTempDirs();
  /** Stores left open by a test, closed before their folders go (hooks run last-registered first). */
  const opened: ProgressStore[] = [];
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((s) => s.close()));
  });
  const track = async (file: string, now: () => number) => {
    const store = await open(file, now);
    opened.push(store);
    return store;
  };

  storeContract(
    name,
    async () => {
      const file = join(await tempDir(), 'nested', 'onboarding.json');
      let now = Date.parse('2026-11-27T10:00:00Z');
      const clock = () => now;
      let store = await track(file, clock);
      return {
        store,
        advance: (ms) => {
          now += ms;
        },
        reopen: async () => {
          await store.close();
          store = await track(file, clock);
          return store;
        },
      };
    },
    { restarts: true },
  );

  describe(`${name}: files from before the audit log`, () => {
    it("moves staff actions kept on people's records into the log, and never hands their ids out again", async () => {
      const file = join(await tempDir(), 'onboarding.json');
      const ann = {
        ...progressFor('console:local:ann'),
        audit: [
          {
            id: 'A7',
            at: '2026-11-27T09:00:00.000Z',
            by: 'console:local:me',
            action: 'move',
            detail: 'activate',
          },
          { id: 'A9', at: '2026-11-27T09:30:00.000Z', by: 'console:local:me', action: 'undo', detail: 'A7' },
        ],
      };
      await writeFile(file, JSON.stringify({ version: 1, users: { [ann.user]: ann }, deliveries: {} }));
      const store = await track(file, Date.now);
      const log = await store.auditLog();
      expect(log.map((e) => [e.id, e.target, e.undoes])).toEqual([
        ['A9', 'console:local:ann', 'A7'],
        ['A7', 'console:local:ann', undefined],
      ]);
      expect((await store.load('console:local:ann'))?.audit).toBeUndefined();
      const next = await store.record({
        at: '2026-11-27T10:00:00.000Z',
        by: 'console:local:me',
        action: 'export',
      });
      expect(next.id).toBe('A10');
    });
  });

  describe(`${name}: files it must refuse`, () => {
    for (const [what, content] of REFUSED) {
      it(`refuses ${what}, names the file, and leaves it byte-for-byte unchanged`, async () => {
        const file = join(await tempDir(), 'onboarding.json');
        await writeFile(file, content);
        const error = await track(file, Date.now).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StoreFileError);
        expect((error as Error).message).toContain(file);
        expect(await readFile(file, 'utf8')).toBe(content);
        if (what.includes('newer version'))
          expect((error as Error).message).toContain(
            'written by a newer version of Guidepost (store file version 3',
          );
      });
    }
  });
}
