import { readFile } from 'node:fs/promises';
import type { Env, Hono } from 'hono';

/** Our script and stylesheet, and Chart.js from its npm package: read once, served from memory. */
export interface AssetFiles {
  /** `chart.js/dist/chart.umd.min.js` in node_modules. */
  chart: string;
  /** The folder holding `dashboard.js`, `dashboard.css` and `icon.svg`. */
  folder: string;
}

const TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
} as const;

export async function serveAssets<E extends Env>(app: Hono<E>, files: AssetFiles): Promise<void> {
  const served: Record<string, { body: string; type: string }> = {
    '/assets/chart.js': { body: await readFile(files.chart, 'utf8'), type: TYPES.js },
    '/assets/dashboard.js': { body: await readFile(`${files.folder}/dashboard.js`, 'utf8'), type: TYPES.js },
    '/assets/dashboard.css': {
      body: await readFile(`${files.folder}/dashboard.css`, 'utf8'),
      type: TYPES.css,
    },
    // The tab's icon: without one the browser asks for /favicon.ico on every page and gets a refusal.
    '/assets/icon.svg': { body: await readFile(`${files.folder}/icon.svg`, 'utf8'), type: TYPES.svg },
  };
  for (const [path, { body, type }] of Object.entries(served)) {
    app.get(path, (c) =>
      c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' }),
    );
  }
}
