import { type Flow, FlowSchema } from '../../src/core/index.js';

/** A flow "demo" of one stage with these step ids, at `version`, with the migrations given. */
export function demoFlow(ids: readonly string[], version = 1, migrations: Flow['migrations'] = []): Flow {
  return FlowSchema.parse({
    id: 'demo',
    version,
    prepare: ['email'],
    stages: [{ id: 'only', steps: ids.map((id) => ({ id })) }],
    finish: {},
    ...(migrations.length > 0 ? { migrations } : {}),
  });
}
