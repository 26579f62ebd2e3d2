import { afterEach, describe, expect, it } from 'vitest';
import { dmOf, PERSON } from './fixtures/payloads.js';
import { type Harness, startHarness } from './harness.js';
import { ADMIN, CHANNEL, key, responses, words } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const NAME = 'guidepost-reseller-2026-11-27.csv';
const UPLOAD_STEPS = ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'];

async function start() {
  h = await startHarness({ admins: [key(ADMIN)] });
  await h.command('');
  await h.settle();
  return h;
}
const uploadCalls = (hh: Harness) => hh.fake.calls.filter((c) => UPLOAD_STEPS.includes(c.method));

describe('/onboard-admin export', () => {
  it('uploads the CSV to the DM through the three upload calls; in a channel, says where it is', async () => {
    const hh = await start();
    await hh.admin('export', { user: ADMIN });
    await hh.settle();
    const [asked, sent, completed, ...more] = uploadCalls(hh);
    expect([asked, sent, completed].map((c) => c?.method)).toEqual(UPLOAD_STEPS);
    expect(more).toEqual([]);
    expect(asked?.args).toMatchObject({ filename: NAME });
    expect(completed?.args).toMatchObject({ channel_id: dmOf(ADMIN) });

    const [file, ...others] = hh.fake.files;
    expect(others).toEqual([]);
    expect(file).toMatchObject({ filename: NAME, title: NAME, channel: dmOf(ADMIN) });
    expect(Buffer.byteLength(file?.content ?? '')).toBe(file?.length);
    const [header, ...rows] = (file?.content ?? '').trim().split('\n');
    expect(header).toMatch(/^user,platform,language,current_step,steps_done,steps_total/);
    expect(rows.find((r) => r.startsWith(key(PERSON)))).toContain(',slack,');
    expect(rows.find((r) => r.startsWith(key(PERSON)))).toContain(',register,0,11,');

    const answer = responses(hh).at(-1);
    expect(answer?.response_type).toBe('ephemeral');
    expect(words(answer)).toContain(`Everyone's progress (1 started): ${NAME}`);
    expect(words(answer)).toContain('is in your direct message with Guidepost');
    expect(hh.fake.calls.filter((c) => c.args.channel === CHANNEL || c.args.channel_id === CHANNEL)).toEqual(
      [],
    );
  });

  it('typed in the DM: the file is shared there and the answer follows it', async () => {
    const hh = await start();
    await hh.admin('export', { user: ADMIN, channel: dmOf(ADMIN) });
    await hh.settle();
    expect(hh.fake.files[0]?.channel).toBe(dmOf(ADMIN));
    expect(hh.dm(ADMIN).at(-1)?.text).toContain(`${NAME} is just above`);
  });

  it('typed as "admin export" in the DM: uploaded too', async () => {
    const hh = await start();
    await hh.type('admin export', { user: ADMIN });
    await hh.settle();
    expect(hh.fake.files[0]).toMatchObject({ filename: NAME, channel: dmOf(ADMIN) });
    expect(hh.dm(ADMIN).at(-1)?.text).toContain(`${NAME} is just above`);
  });

  it('a long export, made page by page, arrives whole: one header, every person once, in user-key order', async () => {
    const hh = await start();
    const users: string[] = [];
    for (let i = 0; i < 1_300; i++) {
      const user = `slack:T0001:U${String(i * 13).padStart(6, '0')}`;
      const at = '2026-11-26T10:00:00.000Z';
      await hh.tb.store.save({
        user,
        flowId: hh.tb.flow.id,
        flowVersion: hh.tb.flow.version,
        current: 'register',
        steps: { register: { enteredAt: at } },
        startedAt: at,
        updatedAt: at,
      });
      users.push(user);
    }
    await hh.admin('export', { user: ADMIN });
    await hh.settle();
    const [file, ...others] = hh.fake.files;
    expect(others).toEqual([]);
    expect(Buffer.byteLength(file?.content ?? '')).toBe(file?.length);
    const [header, ...rows] = (file?.content ?? '').slice(0, -2).split('\r\n');
    expect(header).toMatch(/^user,platform,language,current_step/);
    const listed = rows.map((r) => r.split(',')[0]).filter((u) => users.includes(u as string));
    expect(listed).toEqual(users);
    expect(words(responses(hh).at(-1))).toContain(`Everyone's progress (${rows.length} started)`);
  });

  it('Slack refuses the upload: logged with its code, and staff are told it did not arrive', async () => {
    const hh = await start();
    hh.fake.fail('files.completeUploadExternal', 'missing_scope', 1);
    await hh.admin('export', { user: ADMIN });
    await hh.settle();
    expect(hh.logs).toContainEqual(
      expect.objectContaining({
        message: 'slack web api call failed',
        context: expect.objectContaining({ method: 'files.uploadV2', error: 'missing_scope' }),
      }),
    );
    const answer = responses(hh).at(-1);
    expect(answer?.text).toContain(`I couldn't upload ${NAME} just now`);
    expect(answer?.text).not.toContain('is in your direct message');
  });
});
