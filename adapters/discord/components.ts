import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Button, ChecklistItemView, Reply } from '../../src/core/index.js';
import { checkMark, clipText } from '../kit/index.js';
import { LIMITS } from './text.js';

export type Row = APIActionRowComponent<APIComponentInMessageActionRow>;
/** The styles of buttons that carry a custom_id (link and premium buttons do not). */
type ActionStyle = Exclude<ButtonStyle, ButtonStyle.Link | ButtonStyle.Premium>;

/** The adapter's own button ("continue in DMs"); it never reaches the core. */
export const DM_BUTTON_ID = 'dm:continue';
/** The custom_id of a checklist select menu; its chosen value is the item's ActionId. */
const TICK_MENU_PREFIX = 'tick-menu:';
/** Short checklist labels on buttons; the whole text is in the embed's checklist field. */
const TICK_LABEL = 40;

const STYLES: Record<NonNullable<Button['style']> | 'none', ActionStyle> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  none: ButtonStyle.Secondary,
};

const row = (components: APIComponentInMessageActionRow[]): Row => ({
  type: ComponentType.ActionRow,
  components,
});

function rowsOf(buttons: APIButtonComponent[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push(row(buttons.slice(i, i + LIMITS.buttonsPerRow)));
  }
  return rows;
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url) && url.length <= LIMITS.url;
const webLinks = (reply: Reply) => (reply.links ?? []).filter((l) => isWebUrl(l.url));

/** Builds buttons, skipping ids Discord would refuse: too long, or already used in the same message. */
function actionButton(
  id: string,
  label: string,
  style: ActionStyle,
  used: Set<string>,
): APIButtonComponent[] {
  if (id.length > LIMITS.customId || used.has(id)) return [];
  used.add(id);
  return [
    {
      type: ComponentType.Button,
      custom_id: id,
      label: clipText(label, LIMITS.buttonLabel),
      style,
    },
  ];
}

function checklistRows(reply: Reply, used: Set<string>): Row[] {
  const items = (reply.checklist?.items ?? []).filter(
    (item): item is ChecklistItemView & { action: string } => item.action !== undefined,
  );
  if (items.length === 0) return [];
  const label = (item: ChecklistItemView, n: number, max: number) =>
    `${checkMark(item.ticked)} ${clipText(`${n}. ${item.label}`, max - 2)}`;
  if (items.length <= LIMITS.buttonsPerRow) {
    const style = (item: ChecklistItemView) => (item.ticked ? ButtonStyle.Success : ButtonStyle.Secondary);
    return rowsOf(
      items.flatMap((item, i) =>
        actionButton(item.action, label(item, i + 1, TICK_LABEL), style(item), used),
      ),
    );
  }
  const menuId = `${TICK_MENU_PREFIX}${reply.stepId ?? ''}`.slice(0, LIMITS.customId);
  const options = items
    .filter((item) => item.action.length <= LIMITS.customId)
    .slice(0, LIMITS.selectOptions)
    .map((item, i) => ({ label: label(item, i + 1, LIMITS.selectLabel), value: item.action }));
  if (used.has(menuId) || options.length === 0) return [];
  used.add(menuId);
  const menu: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: menuId,
    placeholder: clipText(reply.checklist?.title ?? '', 150),
    options,
  };
  return [row([menu])];
}

export interface RowOptions {
  /** The translated label of the "continue in DMs" button, offered under steps shown in a server. */
  dmLabel?: string;
  /** custom_ids already in the message being built. */
  used: Set<string>;
}

/**
 * One reply's action rows: link buttons (when there is room), checklist ticking, then the reply's own
 * buttons. `linkUrls` are the links shown as buttons; the embed lists the others.
 */
export function replyRows(reply: Reply, options: RowOptions): { rows: Row[]; linkUrls: Set<string> } {
  const nav = (reply.buttons ?? []).flatMap((b) =>
    actionButton(b.id, b.label, STYLES[b.style ?? 'none'], options.used),
  );
  if (options.dmLabel && reply.kind === 'step') {
    nav.push(...actionButton(DM_BUTTON_ID, options.dmLabel, ButtonStyle.Secondary, options.used));
  }
  const actions = [...checklistRows(reply, options.used), ...rowsOf(nav)].slice(-LIMITS.rows);
  const links = actions.length < LIMITS.rows ? webLinks(reply).slice(0, LIMITS.buttonsPerRow) : [];
  const linkRow: APIButtonComponent[] = links.map((l) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    label: clipText(l.label, LIMITS.buttonLabel),
    url: l.url,
  }));
  return { rows: [...rowsOf(linkRow), ...actions], linkUrls: new Set(links.map((l) => l.url)) };
}
