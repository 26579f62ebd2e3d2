import { describe, expect, it } from 'vitest';
import {
  type Command,
  doneCount,
  newProgress,
  type Progress,
  placedSteps,
  transition,
} from '../../src/core/index.js';
import { loadFlow } from '../../src/flows/load.js';

const flow = await loadFlow();
const ids = placedSteps(flow).map((p) => p.step.id);
const t0 = new Date('2026-11-27T10:00:00Z');
const langs = ['en', 'zh-CN'];
const user = 'console:local:me';

const run = (p: Progress, command: Command, at = t0) => transition(flow, p, command, at, langs);
const fresh = () => newProgress(flow, user, t0);
/** Progress after `start` and `n` times `done`. */
function walked(n: number): Progress {
  let p = run(fresh(), { type: 'start' }).progress;
  for (let i = 0; i < n; i++) p = run(p, { type: 'done' }).progress;
  return p;
}

describe('the shipped flow', () => {
  it('has the guide’s 3 stages and 11 steps in order, two of them reviews', () => {
    expect(flow.stages.map((s) => s.steps.length)).toEqual([4, 3, 4]);
    expect(ids).toHaveLength(11);
    expect(
      placedSteps(flow)
        .filter((p) => p.step.wait)
        .map((p) => [p.step.id, p.step.wait]),
    ).toEqual([
      ['verification-review', { minDays: 2, maxDays: 4 }],
      ['qualification-review', { minDays: 2, maxDays: 3 }],
    ]);
  });
});

describe('start', () => {
  it('begins at the first step with the "have these ready" list', () => {
    const { progress, outcomes } = run(fresh(), { type: 'start' });
    expect(progress.current).toBe('register');
    expect(progress.steps.register?.enteredAt).toBe(t0.toISOString());
    expect(outcomes).toEqual([{ show: 'step', stepId: 'register', intro: true }]);
  });

  it('resumes where the person left off without changing anything', () => {
    const p = walked(3);
    const { progress, outcomes } = run(p, { type: 'start' });
    expect(progress).toBe(p);
    expect(outcomes).toEqual([{ show: 'step', stepId: 'contact-info' }]);
  });

  it('after the last step shows what comes next', () => {
    expect(run(walked(11), { type: 'start' }).outcomes).toEqual([{ show: 'finished' }]);
  });
});

describe('done', () => {
  it('before start says how to begin and changes nothing', () => {
    const p = fresh();
    expect(run(p, { type: 'done' })).toEqual({ progress: p, outcomes: [{ show: 'not-started' }] });
  });

  it('marks the step and its whole checklist done and moves on', () => {
    const { progress, outcomes } = run(walked(0), { type: 'done' });
    expect(progress.steps.register).toMatchObject({
      doneAt: t0.toISOString(),
      ticked: ['details-entered', 'submitted'],
    });
    expect(progress.current).toBe('activate');
    expect(outcomes).toEqual([{ show: 'step', stepId: 'activate' }]);
    expect(doneCount(flow, progress)).toBe(1);
  });

  it('entering a review step records when the person submitted; done there means approved', () => {
    const later = new Date('2026-11-30T09:00:00Z');
    const atReview = run(walked(5), { type: 'done' }, later).progress;
    expect(atReview.current).toBe('verification-review');
    expect(atReview.steps['verification-review']?.enteredAt).toBe(later.toISOString());
    expect(run(atReview, { type: 'done' }).progress.current).toBe('company-info');
  });

  it('on the last step finishes the journey', () => {
    const { progress, outcomes } = run(walked(10), { type: 'done' });
    expect(progress.current).toBeNull();
    expect(progress.finishedAt).toBe(t0.toISOString());
    expect(doneCount(flow, progress)).toBe(11);
    expect(outcomes).toEqual([{ show: 'finished' }]);
  });

  it('from a button for the current step advances; from a button of a step already left changes nothing', () => {
    const p = walked(2);
    expect(run(p, { type: 'done', stepId: 'bind-card' }).progress.current).toBe('contact-info');
    const stale = run(p, { type: 'done', stepId: 'activate' });
    expect(stale.progress).toBe(p);
    expect(stale.outcomes).toEqual([
      { show: 'stale', stepId: 'activate' },
      { show: 'step', stepId: 'bind-card' },
    ]);
  });

  it('a double click (the same button twice) advances once', () => {
    const once = run(walked(0), { type: 'done', stepId: 'register' }).progress;
    const twice = run(once, { type: 'done', stepId: 'register' });
    expect(twice.progress).toBe(once);
    expect(twice.progress.current).toBe('activate');
  });

  it('after the end, a late Done button changes nothing', () => {
    const p = walked(11);
    expect(run(p, { type: 'done', stepId: 'qualification-review' }).progress).toBe(p);
    expect(run(p, { type: 'done' })).toEqual({ progress: p, outcomes: [{ show: 'finished' }] });
  });
});

describe('back', () => {
  it('shows the previous step again, to be done again', () => {
    const { progress, outcomes } = run(walked(2), { type: 'back' });
    expect(progress.current).toBe('activate');
    expect(progress.steps.activate?.doneAt).toBeUndefined();
    expect(doneCount(flow, progress)).toBe(1);
    expect(outcomes).toEqual([{ show: 'step', stepId: 'activate' }]);
  });

  it('on the first step says there is nothing before it', () => {
    const p = walked(0);
    expect(run(p, { type: 'back' })).toEqual({
      progress: p,
      outcomes: [{ show: 'at-first-step' }, { show: 'step', stepId: 'register' }],
    });
  });

  it('after the end asks first; "yes" reopens the last step, "no" leaves them finished', () => {
    const asked = run(walked(11), { type: 'back' });
    expect(asked.progress.current).toBeNull();
    expect(asked.progress.finishedAt).toBeDefined();
    expect(asked.outcomes).toEqual([{ show: 'confirm', ask: 'reopen', question: expect.any(String) }]);
    const stay = run(asked.progress, { type: 'confirm', yes: false });
    expect(stay.progress.finishedAt).toBeDefined();
    expect(stay.outcomes).toEqual([{ show: 'cancelled' }, { show: 'finished' }]);
    const { progress } = run(asked.progress, { type: 'confirm', yes: true });
    expect(progress.current).toBe('qualification-review');
    expect(progress.finishedAt).toBeUndefined();
    expect(doneCount(flow, progress)).toBe(10);
  });

  it('before start, and from a stale button, changes nothing', () => {
    const p = fresh();
    expect(run(p, { type: 'back' }).progress).toBe(p);
    const q = walked(3);
    expect(run(q, { type: 'back', stepId: 'register' }).progress).toBe(q);
  });
});

describe('tick', () => {
  it('ticks and unticks a checklist item by number or id, and re-shows the step in place', () => {
    const p = walked(8);
    expect(p.current).toBe('bank-account');
    const ticked = run(p, { type: 'tick', item: '2' });
    expect(ticked.progress.steps['bank-account']?.ticked).toEqual(['details-double-checked']);
    expect(ticked.outcomes).toEqual([{ show: 'step', stepId: 'bank-account', refresh: true }]);
    const both = run(ticked.progress, {
      type: 'tick',
      item: 'bank-entered',
      stepId: 'bank-account',
    }).progress;
    expect(both.steps['bank-account']?.ticked).toEqual(['bank-entered', 'details-double-checked']);
    expect(run(both, { type: 'tick', item: '2' }).progress.steps['bank-account']?.ticked).toEqual([
      'bank-entered',
    ]);
  });

  it('a checklist button sets the state it shows, so a double click ticks once', () => {
    const p = walked(8);
    const once = run(p, { type: 'tick', item: 'bank-entered', stepId: 'bank-account', on: true }).progress;
    const twice = run(once, {
      type: 'tick',
      item: 'bank-entered',
      stepId: 'bank-account',
      on: true,
    }).progress;
    expect(twice.steps['bank-account']?.ticked).toEqual(['bank-entered']);
    const off = run(twice, {
      type: 'tick',
      item: 'bank-entered',
      stepId: 'bank-account',
      on: false,
    }).progress;
    expect(off.steps['bank-account']?.ticked).toEqual([]);
  });

  it('refuses an item that does not exist, and a stale tick, without changes', () => {
    const p = walked(8);
    expect(run(p, { type: 'tick', item: '9' })).toEqual({
      progress: p,
      outcomes: [{ show: 'tick-unknown', item: '9' }],
    });
    expect(run(p, { type: 'tick', item: '1', stepId: 'register' }).progress).toBe(p);
  });

  it('on a review step (no checklist) asks whether the review was approved, and approves nothing', () => {
    const p = walked(6);
    const asked = run(p, { type: 'tick', item: '1' });
    expect(asked.outcomes).toEqual([{ show: 'confirm', ask: 'approve', question: expect.any(String) }]);
    expect(asked.progress.current).toBe('verification-review');
    expect(doneCount(flow, asked.progress)).toBe(6);
  });

  it('a number that is no item of a checklist step is refused politely', () => {
    const p = walked(0);
    expect(run(p, { type: 'tick', item: '9' }).outcomes).toEqual([{ show: 'tick-unknown', item: '9' }]);
  });
});

describe('status, help, lang', () => {
  it('status and help never change progress, on any kind of step', () => {
    for (const p of [fresh(), walked(0), walked(6), walked(11)]) {
      expect(run(p, { type: 'status' })).toEqual({ progress: p, outcomes: [{ show: 'status' }] });
      expect(run(p, { type: 'help' })).toEqual({ progress: p, outcomes: [{ show: 'help' }] });
    }
  });

  it('lang switches to a known language, matching loosely, and lists them otherwise', () => {
    expect(run(fresh(), { type: 'lang', code: 'zh-cn' }).progress.locale).toBe('zh-CN');
    expect(run(fresh(), { type: 'lang', code: 'zh' }).progress.locale).toBe('zh-CN');
    expect(run(walked(2), { type: 'lang', code: 'EN_us' }).progress.locale).toBe('en');
    const p = fresh();
    expect(run(p, { type: 'lang', code: 'fr' })).toEqual({
      progress: p,
      outcomes: [{ show: 'lang-list', unknown: 'fr' }],
    });
    expect(run(p, { type: 'lang' }).outcomes).toEqual([{ show: 'lang-list' }]);
  });
});

describe('restart', () => {
  it('asks first; "no" keeps everything, "yes" starts over and keeps the language', () => {
    const p = { ...walked(4), locale: 'zh-CN' };
    const asked = run(p, { type: 'restart' });
    expect(asked.progress.confirm).toMatchObject({ ask: 'restart' });
    expect(asked.progress.current).toBe('open-verification');
    const kept = run(asked.progress, { type: 'confirm', yes: false });
    expect(kept.progress.confirm).toBeUndefined();
    expect(kept.progress.current).toBe('open-verification');
    expect(kept.outcomes).toEqual([{ show: 'cancelled' }, { show: 'step', stepId: 'open-verification' }]);
    const over = run(asked.progress, { type: 'confirm', yes: true }).progress;
    expect(over.current).toBe('register');
    expect(doneCount(flow, over)).toBe(0);
    expect(over.locale).toBe('zh-CN');
  });

  it('any other command cancels the question; a stray yes changes nothing', () => {
    const asked = run(walked(4), { type: 'restart' }).progress;
    const moved = run(asked, { type: 'done' }).progress;
    expect(moved.confirm).toBeUndefined();
    expect(run(moved, { type: 'confirm', yes: true }).outcomes).toEqual([
      { show: 'hint', reason: 'nothing-to-confirm' },
    ]);
    expect(run(moved, { type: 'confirm', yes: true }).progress).toBe(moved);
  });
});

describe('unknown input and a flow that changed', () => {
  it('unknown text is a hint, never a change', () => {
    const p = walked(3);
    expect(run(p, { type: 'unknown', reason: 'unknown' })).toEqual({
      progress: p,
      outcomes: [{ show: 'hint', reason: 'unknown' }],
    });
  });

  it('a person on a step that no longer exists moves to the first step not done', () => {
    const p = { ...walked(3), current: 'removed-step', flowVersion: 0 };
    const { progress } = run(p, { type: 'status' });
    expect(progress.current).toBe('contact-info');
    expect(progress.flowVersion).toBe(flow.version);
  });
});
