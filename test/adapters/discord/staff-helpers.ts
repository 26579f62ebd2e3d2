import { type APIUser, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { expect } from 'vitest';
import { IDS, user } from './fixtures/gateway.js';
import {
  type AdminOption,
  type AdminSlashOptions,
  adminSlash,
  MANAGER_PERMISSIONS,
  slash,
  type Where,
} from './fixtures/interactions.js';
import {
  customIdsOf,
  type Harness,
  nextId,
  type PressOptions,
  pressOn,
  sentMessages,
  shown,
  textOf,
  visible,
} from './harness.js';

/** A server manager (Manage Server), a staff-role member and an ordinary member. */
export const manager = user('1400000000000000011', 'manager');
export const roleHolder = user('1400000000000000012', 'role-holder');
export const carol = user(IDS.carol, 'carol');

export const keyOf = (who: APIUser) => `discord:dm:${who.id}`;
/** How staff see a person who has talked to the bot: their name and a mention of them. */
export const seenAs = (who: APIUser, name = who.global_name ?? who.username) => `${name} (<@${who.id}>)`;
export const userOption = (who: APIUser): AdminOption => ({
  type: ApplicationCommandOptionType.User,
  name: 'user',
  value: who,
});

/** Every message the bot sent may mention nobody: Discord is told to ping no one. */
export const noPings = (h: Harness) => {
  for (const r of sentMessages(h.fake)) expect(shown(r).allowed_mentions).toEqual({ parse: [] });
};

/** `/onboard-admin …` from a server manager (unless told otherwise); returns the first message the person sees. */
export async function admin(h: Harness, o: Omit<AdminSlashOptions, 'id'>) {
  const answers = await h.interact(
    adminSlash({ who: manager, permissions: MANAGER_PERMISSIONS, ...o, id: nextId() }),
  );
  return { answers, first: shown(visible(answers)) };
}

/** `/onboard <sub>` as `who`; returns what was shown. */
export async function onboard(h: Harness, sub: string, who: APIUser, where: Where = 'guild') {
  return shown(visible(await h.interact(slash({ id: nextId(), sub, who, where }))));
}

/** Presses the button with this custom_id on a shown message, as `who`; returns what the answer showed. */
export async function press(
  h: Harness,
  view: ReturnType<typeof shown>,
  customId: string,
  o: PressOptions & { who: APIUser },
) {
  return shown(visible(await pressOn(h, view, customId, o)));
}

/** Walks `who` by pressing Done until the step with this id is shown. */
export async function walkTo(h: Harness, who: APIUser, stepId: string) {
  let view = await onboard(h, 'start', who);
  for (let i = 0; i < 12 && !customIdsOf(view).includes(`done:${stepId}`); i++) {
    const done = customIdsOf(view).find((id) => id.startsWith('done:'));
    if (!done) throw new Error(`no Done button before ${stepId}: ${textOf(view)}`);
    view = await press(h, view, done, { who });
  }
  expect(customIdsOf(view)).toContain(`done:${stepId}`);
  return view;
}
