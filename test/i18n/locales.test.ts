import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowKeys } from '../../src/core/index.js';
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
      '渠道管理',
    ]) {
      expect(zh).toContain(term);
    }
  });

  it('carry the guide’s button labels and review times in English', () => {
    const en = JSON.stringify(resources.en);
    for (const fact of [
      '**Bind**',
      '**Organization Verification**',
      '2–4 business days',
      '2–3 business days',
    ]) {
      expect(en).toContain(fact);
    }
  });
});
