import type { Hono } from 'hono';
import { z } from 'zod';
import { type StaffViews, UserKeySchema } from '../../src/core/index.js';
import { attentionBody } from './pages/attention.js';
import { funnelBody } from './pages/funnel.js';
import { personBody } from './pages/person.js';
import type { Env, Responses } from './respond.js';

const FlowParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
  .optional();
const DaysParam = z.coerce.number().int().min(0).max(60);
const CHART_SCRIPTS = ['/assets/chart.js', '/assets/dashboard.js'];

/** The pages behind the session: the funnel, who needs attention, one person, the export. */
export function pageRoutes(app: Hono<Env>, views: StaffViews, r: Responses, defaultDays: number): void {
  app.get('/', (c) => c.redirect('/funnel', 303));

  app.get('/funnel', async (c) => {
    const { language } = c.get('visitor');
    const flow = FlowParam.safeParse(c.req.query('flow'));
    const view = flow.success ? await views.funnel(language, flow.data) : undefined;
    if (!view) return r.missing(c, 'funnel');
    const frame = { ...r.titled(language, 'funnel', 'dashboard:funnel.title'), scripts: CHART_SCRIPTS };
    return r.page(c, 200, frame, (t) => funnelBody(t, view));
  });

  app.get('/attention', async (c) => {
    const { language } = c.get('visitor');
    const flow = FlowParam.safeParse(c.req.query('flow'));
    const days = DaysParam.safeParse(c.req.query('days') ?? defaultDays);
    const chosen = days.success ? days.data : defaultDays;
    const view = flow.success ? await views.attention(language, chosen, flow.data) : undefined;
    if (!view) return r.missing(c, 'attention');
    const frame = r.titled(language, 'attention', 'dashboard:attention.title');
    return r.page(c, 200, frame, (t) => attentionBody(t, view));
  });

  app.get('/person/:user', async (c) => {
    const { language } = c.get('visitor');
    const user = UserKeySchema.safeParse(c.req.param('user'));
    const view = user.success ? await views.person(language, user.data) : undefined;
    if (!view) return r.missing(c, 'person');
    const frame = { language, section: 'person' as const, title: view.name ?? view.user };
    return r.page(c, 200, frame, (t) => personBody(t, view));
  });

  app.get('/export.csv', async (c) => {
    const visitor = c.get('visitor');
    const flow = FlowParam.safeParse(c.req.query('flow'));
    const file = flow.success ? await views.exportCsv(visitor.staff, flow.data) : undefined;
    if (!file) return r.missing(c, 'funnel');
    return c.body(ReadableStream.from(encoded(file.body())), 200, {
      'Content-Type': `${file.mimeType}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${file.name}"`,
    });
  });
}

async function* encoded(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield encoder.encode(chunk);
}
