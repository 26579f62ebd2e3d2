import { distance } from 'fastest-levenshtein';
import type { CommandWord, Vocabulary } from './commands.js';

/** Words a suggestion may name: each has a button that does what typing it does. */
const SUGGESTIBLE: ReadonlySet<CommandWord> = new Set([
  'start',
  'done',
  'back',
  'status',
  'help',
  'lang',
  'restart',
  'mute',
  'unmute',
  'flows',
]);

const length = (text: string) => [...text].length;

/** Two letters side by side swapped (`dnoe`): one slip of the fingers, counted as one edit. */
function swapped(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  const differ = x.flatMap((c, i) => (c === y[i] ? [] : [i]));
  const [i, j] = differ;
  return differ.length === 2 && i !== undefined && j === i + 1 && x[i] === y[j] && x[j] === y[i];
}

const edits = (a: string, b: string): number => {
  const d = distance(a, b);
  return d === 2 && swapped(a, b) ? 1 : d;
};

/** One edit for words of four letters or fewer (so `no` and `ok` are left alone), else two. */
const allowed = (a: string, b: string) => (Math.min(length(a), length(b)) <= 4 ? 1 : 2);

/**
 * The vocabulary word `text` was most likely meant as, if one is near enough: within one or two edits
 * (see `allowed`). Nothing for input of one or two characters, which is too short to guess from.
 * `text` is already normalised; the answer is the vocabulary's own word, never the input.
 */
export function nearMiss(
  text: string,
  vocabulary: Vocabulary,
): { word: CommandWord; said: string } | undefined {
  const size = length(text);
  if (size <= 2) return undefined;
  let best: { word: CommandWord; said: string; edits: number } | undefined;
  for (const [said, word] of vocabulary) {
    if (!SUGGESTIBLE.has(word) || Math.abs(length(said) - size) > 2) continue;
    const d = edits(text, said);
    if (d <= allowed(text, said) && (!best || d < best.edits)) best = { word, said, edits: d };
  }
  return best && { word: best.word, said: best.said };
}
