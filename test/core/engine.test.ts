import { describe, expect, it } from 'vitest';
import { newProgress, placedSteps, transition } from '../../src/core/index.js';
import { loadFlow } from '../../src/flows/load.js';

const flow = await loadFlow();
const now = new Date('2026-11-27T10:00:00Z');
const langs = ['en', 'zh-CN'];

describe('transition', () => {
  it('walks from start to the end with done', () => {
    let p = newProgress(flow, 'console:local:me', now);
    p = transition(flow, p, { type: 'start' }, now, langs).progress;
    for (let i = 0; i < placedSteps(flow).length; i++)
      p = transition(flow, p, { type: 'done' }, now, langs).progress;
    expect(p.finishedAt).toBe(now.toISOString());
    expect(p.current).toBeNull();
  });
});
