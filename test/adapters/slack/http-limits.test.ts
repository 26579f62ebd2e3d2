import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { urlVerification } from './fixtures/payloads.js';
import { type Harness, startHarness } from './harness.js';
import { slowRequest, streamPost } from './raw-client.js';
import { postToApp } from './signed.js';
import { memoryOf, type SlackMain, startSlackMain, waitForLog } from './slack-main.js';

const MiB = 1024 * 1024;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(options: { requestTimeoutSeconds?: number } = {}) {
  h = await startHarness(options);
  await h.post({ json: urlVerification('warm-up') });
  return h;
}

/** A url_verification padded with filler to about `bytes` (the harness signs it). */
const padded = (bytes: number) => ({ ...(urlVerification('padded') as object), filler: 'a'.repeat(bytes) });

describe('Slack HTTP mode: oversized bodies', () => {
  let fake: FakeSlack | undefined;
  let main: SlackMain | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (main && main.child.exitCode === null) {
      main.child.kill('SIGKILL');
      await once(main.child, 'exit');
    }
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    main = fake = dir = undefined;
  });

  it.each([
    ['with a Content-Length', 'content-length'],
    ['chunked, without a Content-Length', 'chunked'],
  ] as const)(
    'refuses an unsigned 50 MB POST %s with 413, and the bot’s memory stays put',
    async (_, mode) => {
      // The bot runs as `npm start` does, in its own process: its memory is measured, not the test's.
      fake = await startFakeSlack();
      dir = await mkdtemp(join(tmpdir(), 'guidepost-slack-'));
      main = await startSlackMain(fake, dir);
      const pid = main.child.pid as number;
      expect((await postToApp(main.port, { json: urlVerification('warm-up') })).status).toBe(200);
      const before = memoryOf(pid).rss;

      const answer = await streamPost(main.port, 50 * MiB, mode);
      const after = memoryOf(pid);

      expect(after.peak - before, 'the bot’s peak RSS growth, MiB').toBeLessThan(50);
      expect(after.rss - before, 'the bot’s RSS growth, MiB').toBeLessThan(50);
      expect(answer.status).toBe(413);
      // It stopped reading: the client could not send the whole body before the answer came.
      expect(answer.sentBytes).toBeLessThan(50 * MiB);
      await waitForLog(main.child, 'refused', main.stderr);
      const lines = main.stderr.join('').split('\n');
      expect(JSON.parse(lines.find((l) => l.includes('refused')) ?? '{}')).toMatchObject({
        level: 40,
        status: 413,
      });
      expect(main.stderr.join('')).not.toContain('xxxx');
    },
    // Starting `npm start` in a child takes seconds on a busy machine.
    60_000,
  );
});

describe('Slack HTTP mode: bodies near the limit, and signatures', () => {
  it('still answers a correctly signed request just under 1 MiB, and refuses one just over it', async () => {
    const app = await start();
    const under = await app.post({ json: padded(1000 * 1000) });
    expect(under.status).toBe(200);
    expect(under.text).toContain('padded');
    expect((await app.post({ json: padded(MiB) })).status).toBe(413);
  });

  it('still answers a small unsigned request with 401', async () => {
    const app = await start();
    expect((await app.post({ json: urlVerification('x') }, { secret: null })).status).toBe(401);
  });
});

describe('Slack HTTP mode: slow requests', () => {
  const WAIT_MS = 8_000;

  it('answers 408 to a body that trickles in slower than REQUEST_TIMEOUT_SECONDS allows', async () => {
    const app = await start({ requestTimeoutSeconds: 1 });
    const head =
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n';
    const answer = await slowRequest(app.running.port as number, head, WAIT_MS, '{'.repeat(200));
    expect(answer).toBe('HTTP/1.1 408 Request Timeout');
    await expect.poll(() => app.logs.find((l) => l.level === 'warn')?.context).toMatchObject({ status: 408 });
  });

  it('answers 408 to headers that never finish', async () => {
    const app = await start({ requestTimeoutSeconds: 1 });
    const answer = await slowRequest(
      app.running.port as number,
      'POST /slack/events HTTP/1.1\r\nHost: x\r\n',
      WAIT_MS,
    );
    expect(answer).toBe('HTTP/1.1 408 Request Timeout');
  });
});
