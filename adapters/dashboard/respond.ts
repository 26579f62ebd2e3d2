import type { Context } from 'hono';
import type { Translator } from '../../src/core/index.js';
import { deniedBody, missingBody } from './pages/denied.js';
import { type Frame, type Html, layout, type Section } from './pages/layout.js';
import type { Visitor } from './sign-in.js';

export type Env = { Variables: { visitor: Visitor } };

type Status = 200 | 403 | 404 | 500;

/** How the dashboard answers: pages in a language, refusals, the page for something not there. */
export function responses(translator: Translator, defaultLanguage: string) {
  const words = (language: string) => (key: string, vars?: Record<string, unknown>) =>
    translator.t(language, key, vars);
  const page = (c: Context, status: Status, frame: Omit<Frame, 't'>, body: (t: Frame['t']) => Html) => {
    const t = words(frame.language);
    return c.html(layout({ ...frame, t }, body(t)), status);
  };
  const titled = (language: string, section: Section, titleKey: string) => ({
    language,
    section,
    title: words(language)(titleKey),
  });
  return {
    words,
    page,
    titled,
    /** 403, in the default language (nobody is signed in): why, and how to get a fresh link. */
    denied: (c: Context, reason: 'link' | 'session') =>
      page(c, 403, titled(defaultLanguage, 'denied', 'dashboard:denied.title'), (t) => deniedBody(t, reason)),
    missing: (c: Context<Env>, section: Section) =>
      page(c, 404, titled(c.get('visitor').language, section, 'dashboard:missing.title'), missingBody),
  };
}

export type Responses = ReturnType<typeof responses>;
