import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadTranslator } from '../../src/i18n/translator.js';
import { collectRun, ROOT } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** A private mount namespace with a tmpfs needs root (CI and this machine run as root). */
const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0;
const SKIP_REASON = 'needs root and unshare(1) to mount a small tmpfs in a private mount namespace';

/** Runs test/helpers/full-disk-child.ts on a 512 KiB tmpfs mounted at `dir` in its own mount namespace. */
function runOnSmallDisk(dir: string): Promise<Record<string, unknown>> {
  const script =
    'mount -t tmpfs -o size=512k tmpfs "$1" && exec "$2" --import tsx test/helpers/full-disk-child.ts "$1"';
  const child = spawn(
    'unshare',
    ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', dir, process.execPath],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return collectRun(child, undefined, 'full-disk child').then(({ code, stdout, stderr }) => {
    if (code !== 0) throw new Error(`full-disk child exited ${code}: ${stderr}`);
    return JSON.parse(stdout);
  });
}

const NAME =
  'refuses saves with a translated answer, reports itself unhealthy, and saves again once space is back, without a restart';

describe('the store on a disk filled to the brim', () => {
  const tempDir = useTempDirs();

  it.runIf(canMount)(
    canMount ? NAME : `${NAME} (skipped: ${SKIP_REASON})`,
    async () => {
      const translator = await loadTranslator();
      const r = await runOnSmallDisk(await tempDir());

      // Full: people are told nothing was saved, in their language, and nothing was kept.
      expect(r.fullEn).toBe(translator.t('en', 'common:errors.not-saved'));
      expect(r.fullZh).toBe(translator.t('zh-CN', 'common:errors.not-saved'));
      expect(r.fullKept).toBe(false);
      expect(r.fullHealth).toEqual({
        writable: false,
        lastError: expect.stringMatching(/progress\.json\.journal.*ENOSPC/),
      });

      // Space freed: healthy again on its own, and the same person's start is saved.
      expect(r.freedHealthBeforeSave).toEqual({ writable: true });
      expect(r.freedReply).toContain(translator.t('en', 'reseller:steps.register.body'));
      expect(r.freedKept).toBe(true);

      // Nearly full: the snapshot rewrite cannot fit, yet its temp file does not eat the space saves need.
      expect(r.nearFullSnapshotFailures).toEqual(['ENOSPC']);
      expect(r.nearFullSaves).toBe(50);
      expect(r.nearFullFiles).not.toContain('progress.json.tmp');

      // Space back: the retried rewrite goes through by itself, and a reopen finds every save.
      expect(r.finalHealth).toEqual({ writable: true });
      expect(r.finalFiles).not.toContain('progress.json.journal.old');

      // Stopped and started again on a full disk: the start-up failure names the store file.
      expect(r.closeOnFullDisk).toMatch(/^ENOSPC Store \S+progress\.json could not be written at shutdown/);
      expect(r.startOnFullDisk).toMatch(/^Store \S+progress\.json could not be opened: the disk is full/);
      // The 200, those the last page still took, the refused one (saved once space was back), last, last2.
      expect(r.reopenedPeople).toBe(200 + Number(r.keptWhileFilling ?? 0) + 3);
      expect(r.reopenedDeliveries).toBe(true);
    },
    120_000,
  );
});
