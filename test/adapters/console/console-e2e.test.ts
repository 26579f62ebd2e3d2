import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GUIDE_ADDRESSES } from '../../helpers/guide.js';
import { runMain, startMain } from '../../helpers/run-main.js';

const dir = await mkdtemp(join(tmpdir(), 'guidepost-console-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm start with no tokens: the terminal chat', () => {
  const store = join(dir, 'journey', 'onboarding.json');

  it('walks the whole guide with start and done, showing every address, and status says 11/11', async () => {
    const input = ['start', ...Array(11).fill('done'), 'status', ''].join('\n');
    const { code, stdout, stderr } = await runMain(input, { STORE_FILE: store });
    expect(code).toBe(0);
    if (GUIDE_ADDRESSES) {
      expect(GUIDE_ADDRESSES).toHaveLength(13);
      for (const address of GUIDE_ADDRESSES) expect(stdout).toContain(address);
    }
    expect(stdout).toContain('11/11 steps done');
    expect(stdout).toContain('Channel Management');
    // The finish comes before the online contract, so it must not yet call the person a reseller.
    expect(stdout).toContain('Qualification approved: next, sign the online contract');
    expect(stdout).not.toContain("You're a Tencent Cloud reseller");
    expect(stdout).toContain('Next up: Signing your Tencent Cloud reseller contract');
    expect(stdout).not.toContain('"level"');
    expect(stderr).toBe('');
    const log = await readFile(join(dir, 'journey', 'guidepost.log'), 'utf8');
    expect(log).toContain('"adapters":["console"]');
    expect(log).toContain(store);
  });

  it('resumes from the saved store after a restart', async () => {
    const { code, stdout } = await runMain('status\n', { STORE_FILE: store });
    expect(code).toBe(0);
    expect(stdout).toContain('11/11');
  });

  it('after 11/11 offers the contract flow; flows lists the three; start contract counts its own 8 steps', async () => {
    const { code, stdout } = await runMain('flows\nstart contract\nstatus\n', { STORE_FILE: store });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Becoming a Tencent Cloud reseller.*finished/);
    expect(stdout).toContain('Signing your Tencent Cloud reseller contract');
    expect(stdout).toContain('Becoming a second-level reseller through your distributor');
    expect(stdout).toContain('0/8');
    const back = await runMain('start reseller\nstatus\n', { STORE_FILE: store });
    expect(back.stdout).toContain('11/11');
  });

  it('speaks Chinese after lang zh-CN and shows 0/11 for a new person', async () => {
    const { stdout } = await runMain('lang zh-CN\nstatus\nstart\n', {
      STORE_FILE: store,
      CONSOLE_USER: 'li',
    });
    expect(stdout).toContain('简体中文');
    expect(stdout).toContain('已完成 0/11 步');
    expect(stdout).toContain('填写注册信息');
    expect(stdout).toContain('第 1 步（共 11 步）');
  });

  it('presses buttons by letter key or label', async () => {
    const { stdout } = await runMain('start\nd\nHelp\n', { STORE_FILE: join(dir, 'buttons.json') });
    expect(stdout).toContain('[d] Done   [h] Help');
    expect(stdout).toContain('Step 2 of 11');
    expect(stdout).toContain('== Help: Activate your account from the email ==');
  });

  it('keeps several scripted people apart in one store', async () => {
    const shared = join(dir, 'people.json');
    await runMain('start\ndone\ndone\n', { STORE_FILE: shared, CONSOLE_USER: 'ann' });
    await runMain('start\n', { STORE_FILE: shared, CONSOLE_USER: 'bob' });
    const file = JSON.parse(await readFile(shared, 'utf8'));
    expect(file.users['console:local:ann'].current).toBe('bind-card');
    expect(file.users['console:local:bob'].current).toBe('register');
  });

  it('survives odd input: empty lines, a 100 KB line, control characters, emoji, CRLF', async () => {
    const odd = [
      '',
      '   ',
      'x'.repeat(100_000),
      '\u0007\u001b[31mred',
      '🚀 done? 🎉',
      'start\r',
      'done',
    ].join('\n');
    const { code, stdout, stderr } = await runMain(odd, { STORE_FILE: join(dir, 'odd.json') });
    expect(code).toBe(0);
    expect(stdout).toContain('Step 2 of 11');
    expect(stderr).not.toContain('xxxxxxxx');
    expect(stderr).not.toContain('🚀');
  });

  it('refuses a corrupt store with a non-zero exit, names the file, and leaves it byte-for-byte unchanged', async () => {
    const corrupt = join(dir, 'corrupt.json');
    const bytes = '{"version":1,"users":{"console:local:me":';
    await writeFile(corrupt, bytes);
    const { code, stdout, stderr } = await runMain('start\ndone\n', { STORE_FILE: corrupt });
    expect(code).not.toBe(0);
    expect(stderr).toContain(corrupt);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
    expect(await readFile(corrupt, 'utf8')).toBe(bytes);
  });

  it('refuses a bad setting, naming it and never its value', async () => {
    const { code, stderr } = await runMain('', { PORT: 'not-a-port-s3cr3t', SLACK_BOT_TOKEN: 'nope-s3cr3t' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('SLACK_BOT_TOKEN');
    expect(stderr).not.toContain('s3cr3t');
  });

  it('on SIGTERM stops reading, keeps what was saved and exits 0', async () => {
    const file = join(dir, 'sigterm.json');
    const child = startMain({ STORE_FILE: file });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to start')), 10_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Step 2 of 11')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stdin.write('start\ndone\n');
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).users['console:local:me'].current).toBe('activate');
  });

  it('lets staff named in ADMIN_IDS see the funnel and export it to a file; refuses everyone else', async () => {
    const shared = join(dir, 'staff.json');
    await runMain('start\ndone\ndone\n', { STORE_FILE: shared, CONSOLE_USER: 'ann' });
    await runMain('start\ndone\ndone\n', { STORE_FILE: shared, CONSOLE_USER: 'bob' });
    await runMain('start\n', { STORE_FILE: shared, CONSOLE_USER: 'cat' });
    const staff = await runMain('admin stats\nadmin export\n', {
      STORE_FILE: shared,
      ADMIN_IDS: 'console:local:me',
    });
    expect(staff.stdout).toMatch(/ 1 Fill in the registration form\s+3\s+1\s+67% /);
    expect(staff.stdout).toMatch(/ 3 Bind a credit card\s+2 /);
    const csvPath = /📄 (\S+\.csv)/.exec(staff.stdout)?.[1] as string;
    expect(csvPath.startsWith(join(dir, 'exports'))).toBe(true);
    const csv = await readFile(csvPath, 'utf8');
    expect(csv.split('\r\n').filter((l) => l.startsWith('console:local:'))).toHaveLength(3);
    const other = await runMain('admin stats\n', {
      STORE_FILE: shared,
      CONSOLE_USER: 'ann',
      ADMIN_IDS: 'console:local:me',
    });
    expect(other.stdout.trim()).toBe('Sorry, that command is for the onboarding team only.');
  });

  it('on SIGTERM under a stream of changes exits 0, and the file holds exactly what was last answered', async () => {
    const file = join(dir, 'sigterm-load.json');
    const child = startMain({ STORE_FILE: file });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.on('error', () => undefined);
    child.stdin.write(`start\n${'tick 1\n'.repeat(3000)}`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answers')), 10_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if ((stdout.match(/\] 1\. Registration details/g) ?? []).length > 200) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const answers = [...stdout.matchAll(/\[( |x)\] 1\. Registration details/g)];
    expect(answers.length).toBeGreaterThan(200);
    expect(answers.length).toBeLessThan(3002);
    const lastShown = answers.at(-1)?.[1] === 'x';
    const saved = JSON.parse(await readFile(file, 'utf8')).users['console:local:me'];
    expect((saved.steps.register.ticked ?? []).includes('details-entered')).toBe(lastShown);
  });
});
