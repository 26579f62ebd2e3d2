import { nearMiss } from './near-miss.js';
import { looksSensitive } from './sensitive.js';
import type { Command } from './types.js';

/** The command words, the same on every platform. Translated words and labels are added per language. */
export const COMMAND_WORDS = [
  'start',
  'done',
  'back',
  'status',
  'help',
  'tick',
  'lang',
  'restart',
  'mute',
  'unmute',
  'flows',
] as const;
/** Words that answer rather than command: yes/no, and loose acknowledgements (`ok`, `thanks`). */
export const ANSWER_WORDS = ['yes', 'no', 'ok', 'thanks'] as const;
export type CommandWord = (typeof COMMAND_WORDS)[number] | (typeof ANSWER_WORDS)[number];

/** Longer than any command: treated as chatter, never parsed further. */
const MAX_COMMAND_LENGTH = 200;

/** Maps a spoken word (any language, any case) to the command it means. */
export type Vocabulary = ReadonlyMap<string, CommandWord>;

/** Control characters out, spaces collapsed; case kept. */
export const tidyWords = (text: string): string =>
  text
    .normalize('NFKC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');

/** Control characters out, spaces collapsed, a leading `/` or `!` dropped; case kept. */
const tidy = (text: string): string => tidyWords(text).replace(/^[/!]/, '');

export const normalize = (text: string): string => tidy(text).toLowerCase();

/**
 * Punctuation, symbols and spaces around the words dropped (`Done.`, `「完成」`, `where am i?`); never
 * inside them (`lang zh-cn`, `yes, start over`).
 */
const SENTENCE_END = /[\s.,!?;:。，！？；：、]+$/u;

const bare = (clean: string): string => clean.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');

/** Typed text to a command. Unknown text is a value, not an error. */
export function parseText(text: string, vocabulary: Vocabulary): Command {
  const short = text.length <= MAX_COMMAND_LENGTH * 4;
  const clean = short ? normalize(text) : '';
  // Staff commands carry people's ids (a Discord id can pass the card-number check): never scanned.
  if (short && (clean === 'admin' || clean.startsWith('admin '))) {
    return { type: 'admin', args: tidy(text).split(' ').slice(1) };
  }
  if (looksSensitive(text.slice(0, 4096))) return { type: 'unknown', reason: 'sensitive' };
  if (!short) return { type: 'unknown', reason: 'too-long' };
  if (clean === '') return { type: 'unknown', reason: 'empty' };
  if (clean.length > MAX_COMMAND_LENGTH) return { type: 'unknown', reason: 'too-long' };
  // Exactly as typed first: `?` is a word of its own.
  const words = bare(clean);
  const whole = vocabulary.get(clean) ?? vocabulary.get(words);
  if (whole) return commandFor(whole, undefined);
  // A word that takes an argument: the argument as typed, only a sentence's end taken off (`tick 1.`),
  // so what it names (and echoes back) keeps its symbols.
  const [head = '', ...rest] = clean.split(' ');
  const word = vocabulary.get(bare(head));
  const arg = rest.join(' ').replace(SENTENCE_END, '');
  if (word === 'lang' || word === 'tick') return commandFor(word, arg || undefined);
  if (word === 'start' && arg) return { type: 'start', flowId: arg.replaceAll(' ', '-') };
  // A bare number ticks that checklist item (as in the console), on every platform.
  if (/^\d{1,3}$/.test(words)) return { type: 'tick', item: words };
  const near = nearMiss(words, vocabulary);
  return near
    ? { type: 'suggest', ...near }
    : { type: 'unknown', reason: 'unknown', question: tidyWords(text) };
}

function commandFor(word: CommandWord, arg: string | undefined): Command {
  switch (word) {
    case 'yes':
      return { type: 'confirm', yes: true };
    case 'no':
      return { type: 'confirm', yes: false };
    case 'ok':
    case 'thanks':
      return { type: 'ack', word };
    case 'lang':
      return arg ? { type: 'lang', code: arg } : { type: 'lang' };
    case 'tick':
      return arg ? { type: 'tick', item: arg } : { type: 'unknown', reason: 'unknown' };
    case 'mute':
    case 'unmute':
      return { type: 'mute', on: word === 'mute' };
    default:
      return { type: word };
  }
}

/** ActionIds name the step they act on, so a click on an old message is recognised as stale. */
export const actionId = {
  done: (stepId: string) => `done:${stepId}`,
  back: (stepId: string) => `back:${stepId}`,
  help: (stepId: string) => `help:${stepId}`,
  /** A checklist button sets the state it shows the opposite of, so a double click is harmless. */
  tick: (stepId: string, item: string, on: boolean) => `tick:${stepId}:${item}:${on ? 'on' : 'off'}`,
  /** Resumes the flow they are in; with a flow id, moves them into that flow. */
  start: (flowId?: string) => (flowId === undefined ? 'start' : `start:${flowId}`),
  flows: () => 'flows',
  status: () => 'status',
  restart: () => 'restart',
  /** Names the question it answers, so it cannot answer a newer one. */
  confirm: (yes: boolean, question: string) => `confirm:${yes ? 'yes' : 'no'}:${question}`,
  lang: (code: string) => `lang:${code}`,
  escalate: (stepId: string) => `escalate:${stepId}`,
  /** Shows a step for a look; the person's place does not move. */
  peek: (stepId: string) => `peek:${stepId}`,
  review: (stepId: string, answer: 'waiting' | 'rejected') => `review:${stepId}:${answer}`,
  unmute: () => 'unmute',
};

/**
 * The button under "Did you mean …?": what typing `word` does. On a step, `done`, `back` and `help`
 * name it, so a click after the person has moved on is recognised as stale.
 */
export function suggestedAction(word: CommandWord, stepId: string | undefined): string {
  switch (word) {
    case 'done':
    case 'back':
    case 'help':
      return stepId === undefined ? word : actionId[word](stepId);
    case 'start':
      return actionId.start();
    default:
      return word;
  }
}

/** A clicked button to a command; anything unrecognised is `unknown`. */
export function parseAction(action: string): Command {
  const [verb, a, b] = action.split(':');
  switch (verb) {
    case 'done':
    case 'back':
    case 'help':
      return a ? { type: verb, stepId: a } : { type: verb };
    case 'tick': {
      if (!a || !b) return { type: 'unknown', reason: 'unknown' };
      const state = action.split(':')[3];
      return {
        type: 'tick',
        stepId: a,
        item: b,
        ...(state === 'on' || state === 'off' ? { on: state === 'on' } : {}),
      };
    }
    case 'start':
      return a ? { type: 'start', flowId: a } : { type: 'start' };
    case 'flows':
    case 'status':
    case 'restart':
      return { type: verb };
    case 'confirm':
      // A button from before questions had names answers none of them (an empty name matches nothing).
      return { type: 'confirm', yes: a === 'yes', question: b ?? '' };
    case 'escalate':
      return a ? { type: 'escalate', stepId: a } : { type: 'escalate' };
    case 'peek':
      return a ? { type: 'peek', stepId: a } : { type: 'unknown', reason: 'unknown' };
    case 'review':
      return a && (b === 'waiting' || b === 'rejected')
        ? { type: 'review', stepId: a, answer: b }
        : { type: 'unknown', reason: 'unknown' };
    case 'mute':
    case 'unmute':
      return { type: 'mute', on: verb === 'mute' };
    case 'lang':
      return a ? { type: 'lang', code: a } : { type: 'lang' };
    default:
      return { type: 'unknown', reason: 'unknown' };
  }
}
