import { describe, expect, it } from 'vitest';
import {
  BOLD_MARKERS,
  checkMark,
  convertBold,
  createKeyedQueue,
  describeError,
  parseUserKey,
  STEP_MARKS,
  userKey,
  withTimeout,
} from '../../../adapters/kit/index.js';

describe('parseUserKey', () => {
  it('reads the three parts of a key and refuses anything else', () => {
    expect(parseUserKey('slack:T1:U2')).toEqual({ platform: 'slack', space: 'T1', id: 'U2' });
    expect(parseUserKey('discord:dm:123456')).toEqual({ platform: 'discord', space: 'dm', id: '123456' });
    for (const bad of ['', 'slack:T1', 'slack:T1:U2:x', 'slack::U2', 'slack:T 1:U2'])
      expect(parseUserKey(bad)).toBeUndefined();
    expect(userKey({ platform: 'console', space: 'local', id: 'me' })).toBe('console:local:me');
  });
});

describe('createKeyedQueue', () => {
  it('runs one key in order, other keys alongside, and a failure stops nothing after it', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('a', async () => {
      await gate;
      log.push('a1');
      throw new Error('a1 failed');
    });
    const second = queue.run('a', async () => log.push('a2'));
    await queue.run('b', async () => log.push('b1'));
    expect(log).toEqual(['b1']);
    release();
    await expect(first).rejects.toThrow('a1 failed');
    await second;
    await queue.idle();
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });
});

describe('withTimeout', () => {
  it('gives the work when in time, else what onTimeout says (or throws)', async () => {
    expect(await withTimeout(Promise.resolve(1), 1000, () => 2)).toBe(1);
    expect(await withTimeout(new Promise(() => {}), 5, () => 'late')).toBe('late');
    await expect(
      withTimeout(new Promise(() => {}), 5, () => {
        throw new Error('timed out');
      }),
    ).rejects.toThrow('timed out');
  });
});

describe('describeError', () => {
  it('keeps name, code, status, message and the stack, and nothing else the error carries', () => {
    const error = Object.assign(new TypeError('boom'), {
      code: 'E1',
      status: 503,
      request: { body: 'secret' },
    });
    const described = describeError(error);
    expect(described).toMatchObject({ name: 'TypeError', message: 'boom', code: 'E1', status: 503 });
    expect(String(described.stack)).toContain('kit.test.ts');
    expect(JSON.stringify(described)).not.toContain('secret');
    expect(describeError('plain')).toEqual({ message: 'plain' });
  });
});

describe('convertBold and the marks', () => {
  it('writes **bold** in each platform markup', () => {
    const text = 'Type **tick 1** or **done**';
    expect(convertBold(text, BOLD_MARKERS.mrkdwn)).toBe('Type *tick 1* or *done*');
    expect(convertBold(text, BOLD_MARKERS.markdown)).toBe(text);
    expect(convertBold(text, BOLD_MARKERS.plain)).toBe('Type tick 1 or done');
  });

  it('has one mark for each step state and checklist box', () => {
    expect(STEP_MARKS).toEqual({ done: '✅', current: '👉', waiting: '⏳', todo: '⬜' });
    expect([checkMark(true), checkMark(false), checkMark(true, 'text'), checkMark(false, 'text')]).toEqual([
      '✅',
      '⬜',
      '[x]',
      '[ ]',
    ]);
  });
});
