import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AdapterDeps, Bot, Handle } from '../../src/core/index.js';

const ADAPTERS = join(import.meta.dirname, '../../adapters');

/** Bot methods other than `handle`, and what the bot once offered adapters to call back with. */
const CALLBACKS = new Set(['status', 'languageFor', 'remind']);
/** Names that give an adapter the whole bot, where it should only ever have `handle`. */
const WHOLE_BOT = new Set(['Bot', 'BotDeps', 'createBot']);

/**
 * Every way a source file reaches back into the bot: a call of `.status(`, `.languageFor(` or
 * `.remind(` on anything, any member of something named `bot` other than `handle`, and an import of
 * the Bot type or its factory. Read from the syntax tree, so comments and strings never count.
 */
function callbacksIn(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (CALLBACKS.has(name)) found.push(`${where(node)} calls .${name}(`);
    }
    if (ts.isPropertyAccessExpression(node) && /^bot$/i.test(receiverName(node.expression))) {
      if (node.name.text !== 'handle') found.push(`${where(node)} uses bot.${node.name.text}`);
    }
    if (ts.isImportSpecifier(node) && WHOLE_BOT.has((node.propertyName ?? node.name).text))
      found.push(`${where(node)} imports ${(node.propertyName ?? node.name).text}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `bot` for `bot`, `deps.bot` and `this.bot`. */
const receiverName = (node: ts.Expression): string =>
  ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : '';

const adapterFiles = () =>
  readdirSync(ADAPTERS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ADAPTERS, f));

describe('one-way traffic: adapters and notifiers only ever call handle(event)', () => {
  it('no file under adapters/ calls back into the bot or imports it', () => {
    const files = adapterFiles();
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => callbacksIn(f.slice(ADAPTERS.length + 1), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the scan catches each way back, and not the word in a comment or a string', () => {
    const source = [
      "import { type Bot, matchLanguage } from '../../src/core/index.js';",
      '// bot.status(user) in a comment is fine',
      "const text = 'bot.languageFor(user)';",
      'await deps.bot.status(user);',
      'await bot.languageFor(user, locale);',
      'await this.bot.remind();',
      'const look = bot.status;',
      'await bot.handle(event);',
    ].join('\n');
    expect(callbacksIn('x.ts', source)).toEqual([
      'x.ts:1 imports Bot',
      'x.ts:4 calls .status(',
      'x.ts:4 uses bot.status',
      'x.ts:5 calls .languageFor(',
      'x.ts:5 uses bot.languageFor',
      'x.ts:6 calls .remind(',
      'x.ts:6 uses bot.remind',
      'x.ts:7 uses bot.status',
    ]);
  });

  it('of the bot, the adapter port hands over only handle', () => {
    type OtherBotMembers = Exclude<keyof Bot, 'handle'>;
    expectTypeOf<Extract<keyof AdapterDeps, OtherBotMembers | 'bot'>>().toBeNever();
    expectTypeOf<AdapterDeps['handle']>().toEqualTypeOf<Handle>();
  });
});
