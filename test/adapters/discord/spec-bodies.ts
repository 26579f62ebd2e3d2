import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sharedFile } from '../../helpers/shared-dir.js';

/**
 * Discord's own OpenAPI description of the request bodies the adapter sends, read from the shared specs
 * folder (never copied into the repository), turned into zod schemas by zod's JSON Schema reader. The
 * fake answers a body that breaks it as Discord does: 400, code 50035 "Invalid Form Body".
 * The folder is found by `sharedFile` (test/helpers/shared-dir.ts); where none has the file (a fresh
 * machine), bodies go unchecked and one line says so.
 */
const SPEC = ['specs', 'discord-openapi-subset.json'] as const;
const SPEC_FILE = sharedFile(...SPEC);

type Schema = z.core.JSONSchema.JSONSchema;
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** zod resolves only local `$defs` refs: the spec's `#/components/schemas/X` become `#/$defs/X`. */
function loadSpec(file: string): Spec {
  const text = readFileSync(file, 'utf8').replaceAll('"#/components/schemas/', '"#/$defs/');
  return JSON.parse(text) as Spec;
}

const DRAFT = 'https://json-schema.org/draft/2020-12/schema' as const;

interface BodyRoute {
  method: string;
  pattern: RegExp;
  schema: z.ZodType;
}

/** `/webhooks/{webhook_id}/{webhook_token}` to a regex over the fake's decoded `/api/v10/...` paths. */
const pathPattern = (template: string) => new RegExp(`^/api/v10${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

function bodyRoutes(): BodyRoute[] {
  if (!SPEC_FILE) {
    console.warn(
      `Discord request bodies are not checked: no ${SPEC.join('/')} in GUIDEPOST_SHARED_DIR, ../shared or /work/shared`,
    );
    return [];
  }
  const spec = loadSpec(SPEC_FILE);
  const $defs = spec.components.schemas;
  const routes: BodyRoute[] = [];
  for (const [template, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const json = operation.requestBody?.content['application/json'];
      if (!json) continue;
      const root = { $schema: DRAFT, $defs, ...json.schema };
      routes.push({
        method: method.toUpperCase(),
        pattern: pathPattern(template),
        schema: z.fromJSONSchema(root),
      });
    }
  }
  return routes;
}

let cached: BodyRoute[] | undefined;

/**
 * Why Discord would refuse this request's body (the first few problems, with their paths), or undefined
 * when the body is valid or the route has no body in the spec.
 */
export function bodyProblems(method: string, path: string, body: unknown): string | undefined {
  cached ??= bodyRoutes();
  const route = cached.find((r) => r.method === method && r.pattern.test(path));
  if (!route || body === undefined) return undefined;
  const parsed = route.schema.safeParse(body);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
