/**
 * Splitting and clipping text to a platform's limit without ever cutting a grapheme (an emoji, a ZWJ
 * family, a flag, a letter with its accents). Limits count UTF-16 units by default (what `.length` and
 * Slack and Discord's checks count, and never less than the characters people see), or graphemes.
 */
export type Measure = 'utf16' | 'graphemes';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Offsets where each grapheme starts, and the text's end. */
function boundaries(text: string): number[] {
  const offsets: number[] = [];
  for (const { index } of segmenter.segment(text)) offsets.push(index);
  offsets.push(text.length);
  return offsets;
}

/** How long the text is under a measure. */
export function measureText(text: string, measure: Measure = 'utf16'): number {
  return measure === 'utf16' ? text.length : boundaries(text).length - 1;
}

const SENTENCE_END = /[.!?]/;
const CJK_SENTENCE_END = /[。！？]/;
const CJK_PAUSE = /[，、；：]/;
const SPACE = /\s/;

/** The break rules, most preferred first: a piece may end at a boundary offset `o` of `text` when... */
const RULES: ((text: string, o: number) => boolean)[] = [
  (text, o) => text.startsWith('\n\n', o),
  (text, o) => text[o] === '\n',
  (text, o) =>
    (SENTENCE_END.test(text[o - 1] ?? '') && SPACE.test(text[o] ?? '')) ||
    CJK_SENTENCE_END.test(text[o - 1] ?? ''),
  (text, o) => CJK_PAUSE.test(text[o - 1] ?? '') || SPACE.test(text[o] ?? ''),
];

/** Index (into `b`) where the piece starting at `from` ends: at the best break in its second half, else the limit. */
function breakAt(text: string, b: number[], from: number, max: number, measure: Measure): number {
  const size = (k: number) => (measure === 'utf16' ? (b[k] ?? 0) - (b[from] ?? 0) : k - from);
  let limit = from + 1; // one grapheme always goes, even one longer than the limit
  while (limit + 1 < b.length && size(limit + 1) <= max) limit += 1;
  if (limit === b.length - 1 && size(limit) <= max) return limit;
  const floor = Math.floor(max / 2);
  for (const rule of RULES) {
    for (let k = limit; k > from && size(k) >= floor; k -= 1) if (rule(text, b[k] ?? 0)) return k;
  }
  return limit;
}

/** Skips the whitespace graphemes from index `k` of `b`. */
function skipSpace(text: string, b: number[], k: number): number {
  let at = k;
  while (at < b.length - 1 && /^\s+$/.test(text.slice(b[at], b[at + 1]))) at += 1;
  return at;
}

/**
 * Splits text into pieces of at most `max`, breaking at a paragraph, else a line, else a sentence's end,
 * else a CJK comma or a space, in the second half of the piece; only a run with none of these is cut,
 * and then between two graphemes. Whitespace at a break is dropped.
 */
export function splitText(text: string, max: number, measure: Measure = 'utf16'): string[] {
  const b = boundaries(text);
  const pieces: string[] = [];
  let from = skipSpace(text, b, 0);
  while (from < b.length - 1) {
    const to = breakAt(text, b, from, max, measure);
    const piece = text.slice(b[from], b[to]).trimEnd();
    if (piece) pieces.push(piece);
    from = skipSpace(text, b, to);
  }
  return pieces;
}

/** Shortens text to at most `max` at a break (see `splitText`), with an ellipsis when something was cut. */
export function clipText(text: string, max: number, measure: Measure = 'utf16'): string {
  const clean = text.trim();
  if (measureText(clean, measure) <= max) return clean;
  const [first = ''] = splitText(clean, max - 1, measure);
  return `${first.replace(/[\s,.;:，、；：]+$/, '')}…`;
}
