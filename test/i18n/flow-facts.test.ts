import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type Flow, placedSteps } from '../../src/core/index.js';
import { loadFlow } from '../../src/flows/load.js';
import { createTranslator, readLocales } from '../../src/i18n/translator.js';
import { fromRoot } from '../../src/paths.js';
import { sharedFile } from '../helpers/shared-dir.js';

const t = createTranslator(await readLocales());
const flows: Record<string, Flow> = {
  contract: await loadFlow(fromRoot('src', 'flows', 'contract.json')),
  'second-level-reseller': await loadFlow(fromRoot('src', 'flows', 'second-level-reseller.json')),
};

/** Per flow: [text key, the fact in English, the fact in Chinese]. */
const FACTS: Record<string, [string, string, string][]> = {
  contract: [
    ['steps.open-contract.body', '**Sign**', '**【签约】**'],
    ['steps.open-contract.help.sign-first', 'Partner console', '伙伴控制台'],
    ['steps.confirm-details.body', 'target countries/regions', '业务拓展国家/地区'],
    ['steps.confirm-details.body', '**Next**', '**【下一步】**'],
    ['steps.sign-contract.body', '**Sign**', '**【签署】**'],
    ['steps.check-status.body', '**Refresh**', '**【刷新】**'],
    ['steps.check-status.body', '1–2 minutes', '1-2 分钟'],
    ['steps.view-contract.body', '**View details**', '**【查看详情】**'],
    ['steps.view-contract.help.renewal', '45 days', '45 天'],
    ['steps.view-contract.help.renewal', '15 days', '15 天'],
    ['steps.view-contract.help.renewal', '30 days', '30 天'],
    ['steps.view-contract.help.renewal', '**Renew**', '**【续约】**'],
    ['steps.view-contract.help.renewal-start', 'day after', '第二天'],
    ['steps.view-contract.help.non-renewal', '30 days', '30 天'],
    ['steps.view-contract.help.non-renewal-review', '**In review**', '**审批中**'],
    ['steps.open-console.body', '**Console**', '**【控制台】**'],
    ['steps.channel-management.body', '**Channel Management**', '**【渠道管理】**'],
    ['steps.channel-management.body', 'Partner Center', '伙伴中心'],
    ['finish.body', '**Channel Management**', '**【渠道管理】**'],
    ['finish.body', '45 days', '45 天'],
  ],
  'second-level-reseller': [
    ['prepare.items.invitation-link', 'only way', '只有通过它'],
    ['steps.open-invitation.body', 'only opens from the invitation link', '只能通过邀请链接进入'],
    ['steps.open-invitation.help.no-link', 'any other way', '只能通过邀请链接进入'],
    ['steps.account-details.body', '**Submit**', '**【提交】**'],
    ['steps.verification-review.body', 'email, by SMS and in the Message Center', '邮件、短信和站内信'],
    ['steps.verification-review.help.still-waiting', '2–4 business days', '2-4 个工作日'],
    [
      'steps.distributor-approval.body',
      "your distributor's, not Tencent Cloud's",
      '由您的总经销商完成，而不是腾讯云',
    ],
    ['steps.open-console.body', '**Console**', '**【控制台】**'],
    ['steps.open-partner-center.body', '**Partner Center**', '**【伙伴中心】**'],
  ],
};

const flow = (id: string) => flows[id] as Flow;
const stepIds = (id: string) => placedSteps(flow(id)).map((p) => p.step.id);

describe('the contract and second-level reseller flows', () => {
  for (const [id, facts] of Object.entries(FACTS)) {
    it(`${id}: the guides' labels, durations and rules reach English and Chinese`, () => {
      for (const [key, en, zh] of facts) {
        expect(t.t('en', `${id}:${key}`), `en ${id}:${key}`).toContain(en);
        expect(t.t('zh-CN', `${id}:${key}`), `zh-CN ${id}:${key}`).toContain(zh);
      }
    });

    it(`${id}: every review wait is told in its step, and the finish counts every step`, () => {
      const waits = placedSteps(flow(id)).filter((p) => p.step.wait);
      for (const { step } of waits) {
        const { minDays, maxDays } = step.wait as { minDays: number; maxDays: number };
        expect(t.t('en', `${id}:steps.${step.id}.body`)).toContain(`${minDays}–${maxDays} business days`);
        expect(t.t('zh-CN', `${id}:steps.${step.id}.body`)).toContain(`${minDays}-${maxDays} 个工作日`);
      }
      const n = stepIds(id).length;
      expect(t.t('en', `${id}:finish.body`)).toContain(`All ${n} steps`);
      expect(t.t('zh-CN', `${id}:finish.body`)).toContain(`全部 ${n} 步`);
    });
  }

  it('contract: signing first, the Partner Center login last, the login page exactly as the guide gives it', () => {
    const contract = flow('contract');
    expect(contract.stages.map((s) => s.id)).toEqual(['signing', 'partner-center']);
    expect(stepIds('contract')).toEqual([
      'open-contract',
      'confirm-details',
      'sign-contract',
      'check-status',
      'view-contract',
      'log-in',
      'open-console',
      'channel-management',
    ]);
    const login = contract.stages.at(-1)?.steps[0];
    expect(login?.links.map((l) => l.url)).toEqual(['https://intl.cloud.tencent.com/login']);
  });

  it('second-level reseller: invitation, a 2–3 business day verification review, the distributor, then the Partner Center', () => {
    const slr = flow('second-level-reseller');
    expect(slr.stages.map((s) => s.id)).toEqual([
      'account',
      'verification',
      'qualification',
      'partner-center',
    ]);
    expect(stepIds('second-level-reseller')[0]).toBe('open-invitation');
    const waits = placedSteps(slr).flatMap((p) => (p.step.wait ? [[p.step.id, p.step.wait]] : []));
    // The distributor's review has no documented duration, so the bot does not wait on it.
    expect(waits).toEqual([['verification-review', { minDays: 2, maxDays: 3 }]]);
    const ids = stepIds('second-level-reseller');
    expect(ids.indexOf('distributor-approval')).toBeGreaterThan(ids.indexOf('verification-review'));
    expect(ids.indexOf('distributor-approval')).toBeLessThan(ids.indexOf('log-in'));
  });
});

/** The guides each flow was imported from, read where they are (never copied into the repository). */
const GUIDES: Record<string, string[]> = {
  contract: ['reseller-online-contract', 'reseller-partner-center-login'],
  'second-level-reseller': [
    'second-level-reseller-invited-registration',
    'second-level-reseller-partner-center-login',
  ],
};
const guideFiles = Object.values(GUIDES)
  .flat()
  .flatMap((name) => ['en', 'zh'].map((lng) => sharedFile('seed', 'tencent-docs', `${name}.${lng}.md`)));
const withDocs = guideFiles.every(Boolean) ? describe : describe.skip;
if (!guideFiles.every(Boolean))
  console.log('skipped: the Tencent guides (../shared/seed/tencent-docs) are not here');

async function guideUrls(names: string[]): Promise<{ images: Set<string>; links: Set<string> }> {
  const images = new Set<string>();
  const links = new Set<string>();
  for (const name of names)
    for (const lng of ['en', 'zh']) {
      const text = await readFile(sharedFile('seed', 'tencent-docs', `${name}.${lng}.md`) as string, 'utf8');
      for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]*src="([^"]+)"/g))
        images.add(m[1] ?? m[2] ?? '');
      for (const m of text.matchAll(/(?<!!)\[[^\]]+\]\(([^)\s]+)\)/g)) links.add(m[1] ?? '');
    }
  return { images, links };
}

withDocs('the new flows against their guides', () => {
  for (const [id, names] of Object.entries(GUIDES)) {
    it(`${id}: keeps every screenshot of its guides, and links only what a guide links`, async () => {
      const { images, links } = await guideUrls(names);
      const steps = placedSteps(flow(id)).map((p) => p.step);
      const shown = new Set(
        steps.flatMap((s) => [...s.images.map((i) => i.url), ...s.help.map((h) => h.url)]),
      );
      expect([...images].filter((url) => !shown.has(url))).toEqual([]);
      const linked = steps.flatMap((s) => s.links.map((l) => l.url));
      expect(linked.length).toBeGreaterThan(0);
      for (const url of linked) expect(links, url).toContain(url);
    });
  }
});
