import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS, normalize, parseText } from '../../src/core/commands.js';
import { flowKeys } from '../../src/core/index.js';
import { buildVocabulary } from '../../src/core/vocabulary.js';
import { loadFlow } from '../../src/flows/load.js';
import { createTranslator, LOCALES_DIR, leafKeys, readLocales } from '../../src/i18n/translator.js';

const resources = await readLocales();
const languages = Object.keys(resources);
const namespaces = [...new Set(languages.flatMap((l) => Object.keys(resources[l] ?? {})))];
const root = join(LOCALES_DIR, '..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

/** Every `'<namespace>:<key>'` literal in the code that reads a translation. */
async function keysUsedInCode(): Promise<{ key: string; file: string }[]> {
  const files = [...(await sourceFiles(join(root, 'src'))), ...(await sourceFiles(join(root, 'adapters')))];
  const pattern = new RegExp(`['"\`](${namespaces.join('|')}):([A-Za-z0-9_.-]+)['"\`]`, 'g');
  const found: { key: string; file: string }[] = [];
  for (const file of files) {
    for (const m of (await readFile(file, 'utf8')).matchAll(pattern)) {
      found.push({ key: `${m[1]}:${m[2]}`, file: relative(root, file) });
    }
  }
  return found;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
const boldCount = (text: string) => (text.match(/\*\*/g) ?? []).length;

/** Every text of one language, as `namespace:key` -> text. */
function texts(language: string): [string, string][] {
  const t = createTranslator(resources);
  return namespaces.flatMap((ns) =>
    leafKeys(resources[language]?.[ns] ?? {}).map((key): [string, string] => [
      `${ns}:${key}`,
      t.t(language, `${ns}:${key}`),
    ]),
  );
}
/** zh-CN texts the person reads (staff texts name the English-only staff commands). */
const zhForPeople = () =>
  texts('zh-CN').filter(([key]) => !key.startsWith('admin:help.') && !key.includes(':words.'));

describe('locales', () => {
  it('ship English and Simplified Chinese', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'zh-CN']));
  });

  for (const ns of namespaces) {
    it(`${ns}: every language has exactly the same keys and the same {{variables}}`, () => {
      const en = resources.en?.[ns] ?? {};
      const keys = leafKeys(en).sort();
      for (const language of languages) {
        const messages = resources[language]?.[ns] ?? {};
        expect(leafKeys(messages).sort(), `${language}/${ns}.json`).toEqual(keys);
        const t = createTranslator(resources);
        for (const key of keys) {
          expect(variables(t.t(language, `${ns}:${key}`)), `${language} ${ns}:${key}`).toEqual(
            variables(t.t('en', `${ns}:${key}`)),
          );
          expect(boldCount(t.t(language, `${ns}:${key}`)), `${language} ${ns}:${key} **bold** marks`).toBe(
            boldCount(t.t('en', `${ns}:${key}`)),
          );
        }
      }
    });
  }

  it('have every key the code uses, in every language', async () => {
    const used = await keysUsedInCode();
    expect(used.length).toBeGreaterThan(30);
    const t = createTranslator(resources);
    const missing = used.flatMap(({ key, file }) =>
      languages.filter((l) => !t.has(l, key)).map((l) => `${l} ${key} (used in ${file})`),
    );
    expect(missing).toEqual([]);
  });

  it('have every text the flow needs, in every language', async () => {
    const flow = await loadFlow();
    const t = createTranslator(resources);
    const missing = flowKeys(flow).flatMap((key) =>
      languages.filter((l) => !t.has(l, `${flow.id}:${key}`)).map((l) => `${l} ${flow.id}:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('use Tencent’s official Chinese console terms', () => {
    const zh = JSON.stringify(resources['zh-CN']);
    for (const term of [
      '绑定',
      '企业认证',
      '营业执照',
      '经销商资质申请',
      '银行开户证明文件',
      '伙伴控制台',
      '【绑定】',
      '【提交认证】',
      '【企业认证】',
      '【渠道管理】',
      '站内信',
      '在线客服',
      '收款行 SWIFT 代码',
      '一年期',
    ]) {
      expect(zh).toContain(term);
    }
  });

  it('zh-CN: one term per concept, across every file', () => {
    const zh = JSON.stringify(resources['zh-CN']);
    const unified: [string, string[]][] = [
      ['入驻', ['入门', '加入']],
      ['停滞', ['卡住', '停留']],
      ['销售经理', ['销售代表', '客户经理']],
      ['企业注册文件示例', ['商业登记文件', '样例']],
      ['信用卡账户界面', ['信用卡页面']],
      ['付款信息登记界面', ['付款页面']],
    ];
    for (const [term, others] of unified) {
      expect(zh).toContain(term);
      for (const other of others) expect(zh, `${other} (use ${term})`).not.toContain(other);
    }
  });

  it('zh-CN: addresses the person as 您, and shows Chinese command words that work', () => {
    const vocabulary = buildVocabulary(createTranslator(resources));
    const english = new RegExp(`^(${COMMAND_WORDS.join('|')}|yes|no)\\b`, 'i');
    for (const [key, text] of zhForPeople()) {
      expect(text, key).not.toContain('你');
      // What a sentence asks the person to type, and the command list's own lines.
      for (const [, typed = ''] of text.matchAll(/(?:输入 |^|\n)\*\*([^*]+)\*\*/g)) {
        // A word the bot fills in (`**{{word}}**`) is one of its own command words.
        if (/^\{\{\w+\}\}$/.test(typed)) continue;
        expect(typed, key).not.toMatch(english);
        // A whole command, or the bare word that takes a number (勾选 1).
        const [word = ''] = normalize(typed).split(' ');
        const works = parseText(typed, vocabulary).type !== 'unknown' || vocabulary.get(word) === 'tick';
        expect(works, `${key}: ${typed}`).toBe(true);
      }
    }
  });

  it('carry the guide’s button labels and review times in English', () => {
    const en = JSON.stringify(resources.en);
    for (const fact of [
      '**Bind**',
      '**Organization Verification**',
      '**Submit for Verification**',
      '**Enterprise Verification**',
      '**Channel Management**',
      '2–4 business days',
      '2–3 business days',
      'Message Center',
      'Online Customer Service',
      "beneficiary bank's SWIFT code",
      'one year of incoming and outgoing transactions',
    ]) {
      expect(en).toContain(fact);
    }
  });

  it('put the online contract before the Partner console, and call nobody a reseller before it', () => {
    const t = createTranslator(resources);
    for (const language of languages) {
      const title = t.t(language, 'reseller:finish.title');
      expect(title, language).not.toMatch(/you're a|reseller!|已成为/i);
    }
    expect(t.t('en', 'reseller:finish.title')).toContain('sign the online contract');
    expect(t.t('zh-CN', 'reseller:finish.title')).toContain('签署线上合同');
    for (const key of ['reseller:steps.qualification-review.body', 'reseller:finish.body']) {
      const en = t.t('en', key);
      expect(en.indexOf('online contract'), key).toBeGreaterThanOrEqual(0);
      expect(en.indexOf('online contract'), key).toBeLessThan(en.indexOf('Partner console'));
      const zh = t.t('zh-CN', key);
      expect(zh.indexOf('线上合同'), key).toBeGreaterThanOrEqual(0);
      expect(zh.indexOf('线上合同'), key).toBeLessThan(zh.indexOf('伙伴控制台'));
    }
  });

  it('claim nothing Tencent does not document', () => {
    const en = JSON.stringify(resources.en);
    for (const claim of ['linked sample', "application's state", 'opens from there']) {
      expect(en).not.toContain(claim);
    }
  });
});
