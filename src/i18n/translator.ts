import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import i18next from 'i18next';
import { z } from 'zod';
import { GuidepostError } from '../core/errors.js';
import type { Translator } from '../core/index.js';
import { fromRoot } from '../paths.js';

export const LOCALES_DIR = fromRoot('locales');

type Messages = { [key: string]: string | Messages };
const MessagesSchema: z.ZodType<Messages> = z.lazy(() =>
  z.record(z.string(), z.union([z.string(), MessagesSchema])),
);

/** language -> namespace -> nested messages */
export type Resources = Record<string, Record<string, Messages>>;

class LocaleFileError extends GuidepostError {
  readonly code = 'LOCALE_INVALID' as const;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Locale file ${file} is invalid: ${detail}`);
  }
}

/** Reads `locales/<language>/<namespace>.json`, validating every file. */
export async function readLocales(dir: string = LOCALES_DIR): Promise<Resources> {
  const resources: Resources = {};
  for (const language of (await readdir(dir)).sort()) {
    const files = (await readdir(join(dir, language))).filter((f) => f.endsWith('.json')).sort();
    const namespaces: Record<string, Messages> = {};
    for (const name of files) {
      const file = join(dir, language, name);
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new LocaleFileError(file, (error as Error).message);
      }
      const parsed = MessagesSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new LocaleFileError(
          file,
          `${issue?.path.join('.') || '(root)'}: expected text or a group of texts`,
        );
      }
      namespaces[name.slice(0, -'.json'.length)] = parsed.data;
    }
    resources[language] = namespaces;
  }
  return resources;
}

/** Every leaf key of one namespace, dotted: `steps.register.title`. */
export function leafKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

/** The Translator port on an i18next instance of our own (never the global one). */
export function createTranslator(resources: Resources, fallbackLanguage = 'en'): Translator {
  const languages = Object.keys(resources);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: fallbackLanguage,
    fallbackLng: fallbackLanguage,
    supportedLngs: languages,
    ns: [...new Set(languages.flatMap((l) => Object.keys(resources[l] ?? {})))],
    defaultNS: 'common',
    initAsync: false,
    // Adapters escape for their own markup (mrkdwn, Markdown); HTML escaping would show "&amp;" to people.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(languages.map((l) => [l, instance.getFixedT(l)]));
  // Each text is looked up in i18next once per language (it is the hot path of every reply); its
  // {{variables}} are then filled in here. Plurals (`count`) still go through i18next.
  const templates = new Map<string, string>();
  return {
    languages,
    t(language, key, vars) {
      const t = fixed.get(language) ?? fixed.get(fallbackLanguage) ?? instance.t;
      if (vars && 'count' in vars) return t(key, vars) as string;
      const cacheKey = `${language}\u0000${key}`;
      let template = templates.get(cacheKey);
      if (template === undefined) {
        template = t(key, { interpolation: { skipOnVariables: true }, skipInterpolation: true }) as string;
        templates.set(cacheKey, template);
      }
      return vars ? fill(template, vars) : template;
    },
    has(language, key) {
      return instance.exists(key, { lng: language, fallbackLng: false });
    },
  };
}

const VARIABLE = /\{\{\s*(\w+)\s*\}\}/g;

/** `{{name}}` to its value, as i18next does with escaping off; unknown names stay as they are. */
function fill(template: string, vars: Record<string, unknown>): string {
  if (!template.includes('{{')) return template;
  return template.replace(VARIABLE, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export async function loadTranslator(
  dir: string = LOCALES_DIR,
  fallbackLanguage = 'en',
): Promise<Translator> {
  return createTranslator(await readLocales(dir), fallbackLanguage);
}
