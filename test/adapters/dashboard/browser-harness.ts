import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { fromRoot } from '../../../src/paths.js';

/** Debian's Chromium (`apt-get install -y chromium`): Playwright's own browser download cannot work here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the screenshots go (git ignores it). */
export const SHOTS_DIR = fromRoot('test-output', 'dashboard');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile in a temp folder (the persistent context is how Playwright takes a
 * `--user-data-dir` of ours), a desktop viewport, downloads on; the folder goes when it closes.
 */
export async function openBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'guidepost-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 800 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong in a page that a person would never see but that breaks it: kept for the test to assert. */
export interface Trouble {
  /** Console errors, uncaught exceptions, failed requests (a CSP refusal shows as one of these too). */
  errors: string[];
  /** Answers of 400 and up, as `403 /path` (the console's "Failed to load resource" says the same). */
  refused: string[];
  /** `securitypolicyviolation` events: anything the page's CSP refused. */
  csp: string[];
  /** alert()/confirm() the page opened (an escaped name must never open one). */
  dialogs: string[];
}

/** Starts recording a page's errors, CSP refusals and dialogs, on every document it loads. */
export async function watch(page: Page): Promise<Trouble> {
  const trouble: Trouble = { errors: [], refused: [], csp: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() !== 'error' || m.text().startsWith('Failed to load resource:')) return;
    trouble.errors.push(`console: ${m.text()} ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) trouble.refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('pageerror', (e) => trouble.errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => {
    // "Aborted" is the browser dropping a request itself: the page moved on before the tab's icon came, a
    // download took over a navigation, or the test stopped one (page.route). Nobody sees that.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    trouble.errors.push(`request: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('dialog', async (d) => {
    trouble.dialogs.push(d.message());
    await d.dismiss();
  });
  // Init scripts run through the DevTools protocol, not as page script: the CSP does not block them.
  await page.exposeBinding('__cspViolation', (_source, text: string) => trouble.csp.push(text));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  });`);
  return trouble;
}

export interface AxeFindings {
  /** Each rule broken, one line: its id, impact, help and where. */
  violations: string[];
  /** How many rules passed: proof that axe looked at something. */
  passed: number;
  /** Rules axe could not decide (e.g. contrast over an image), by id: for a person to look at. */
  incomplete: string[];
}

/**
 * axe-core's findings on the page as it is now. The page's CSP (`script-src 'self'`) refuses an injected
 * `<script>`: page.addScriptTag would need the context's `bypassCSP`, which would turn the CSP off for the
 * very pages under test. `page.evaluate` runs axe's source through the DevTools protocol, which the CSP
 * does not govern, so the pages are checked exactly as served (axe itself needs no eval).
 */
export async function axeFindings(page: Page): Promise<AxeFindings> {
  const loaded = await page.evaluate(`(() => { ${axe.source}; return typeof window.axe; })()`);
  if (loaded !== 'object') throw new Error(`axe-core did not load in the page (${String(loaded)})`);
  return page.evaluate(async () => {
    const a = (globalThis as unknown as { axe: typeof axe }).axe;
    const r = await a.run();
    return {
      violations: r.violations.map((v) => {
        const where = v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`);
        return `${v.id} (${v.impact}): ${v.help} — ${where.join(' | ').replace(/\s+/g, ' ')}`;
      }),
      passed: r.passes.length,
      incomplete: r.incomplete.map((v) => v.id),
    };
  });
}

/** A full-page screenshot as `<SHOTS_DIR>/<name>.png`; its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** Rows of a CSV text (RFC 4180: quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** True when this machine has the browser; the reason to print when not. */
export const browserPresent = (): boolean => existsSync(CHROMIUM);

export { linkIn, type ServedDashboard, serveDashboard } from './serve.js';
