import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { createTranslator, leafKeys, readLocales } from '../../src/i18n/translator.js';

const resources = await readLocales();

describe('the translator', () => {
  it('gives exactly what i18next gives, for every text in every language, with and without variables', async () => {
    const ours = createTranslator(resources);
    const reference = i18next.createInstance();
    await reference.init({ resources, fallbackLng: 'en', interpolation: { escapeValue: false } });
    const vars = { step: 'S<1>', done: 3, total: 11, who: 'console:local:a&b', count2: 0, name: '简体中文' };
    for (const language of Object.keys(resources)) {
      for (const ns of Object.keys(resources[language] ?? {})) {
        for (const key of leafKeys(resources[language]?.[ns] ?? {})) {
          const full = `${ns}:${key}`;
          expect(ours.t(language, full), full).toBe(reference.getFixedT(language)(full));
          expect(ours.t(language, full, vars), full).toBe(reference.getFixedT(language)(full, vars));
          // Twice: the second answer comes from the cache.
          expect(ours.t(language, full, vars), full).toBe(reference.getFixedT(language)(full, vars));
        }
      }
    }
  });

  it('falls back to English for an unknown language', () => {
    const t = createTranslator(resources);
    expect(t.t('fr', 'common:buttons.done')).toBe('Done');
  });
});
