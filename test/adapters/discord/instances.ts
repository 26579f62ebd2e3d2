import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { createMemoryStore } from '../../../src/store/memory.js';
import { FakeDiscord, type Recorded } from './fake-discord.js';
import { finishedCount, type Harness, type HarnessOptions, startHarness } from './harness.js';

/** The bots' fake clock starts here (harness.ts); the shared store keeps delivery ids by it. */
const AT = Date.parse('2026-11-27T10:00:00Z');

/**
 * Several instances of the bot on one store, as in production with PostgreSQL: each its own discord.js
 * client (its own gateway session), adapter and bot, all on one loopback Discord, which hands every
 * INTERACTION_CREATE to every session.
 */
export async function startInstances(count: number, options: Omit<HarnessOptions, 'store' | 'fake'> = {}) {
  const fake = await FakeDiscord.start();
  const store = createMemoryStore(() => AT);
  const instances: Harness[] = [];
  const stop = async () => {
    for (const instance of instances) await instance.stop();
    await fake.close();
    if (fake.refused.length > 0)
      throw new Error(`Discord would refuse these bodies: ${JSON.stringify(fake.refused)}`);
  };
  try {
    for (let i = 0; i < count; i++) instances.push(await startHarness({ ...options, store, fake }));
  } catch (error) {
    await stop();
    throw error;
  }

  /** Dispatches INTERACTION_CREATE once, to every session, and waits until every instance is done with it. */
  async function interact(payload: { id: string }): Promise<Recorded[]> {
    const before = instances.map((h) => finishedCount(h.logs, payload.id));
    await fake.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    await Promise.all(
      instances.map((h, i) =>
        h.logs.until(
          () => finishedCount(h.logs, payload.id) > (before[i] ?? 0),
          `instance ${i + 1} done with interaction ${payload.id}`,
        ),
      ),
    );
    return fake.answersTo(payload.id);
  }

  const [first] = instances;
  if (!first) throw new Error('no instance started');
  /** The instances seen as one bot, for the staff helpers: an interaction goes to all of them. */
  const asOne: Harness = { ...first, interact, stop };
  return { fake, store, instances, asOne, stop };
}
