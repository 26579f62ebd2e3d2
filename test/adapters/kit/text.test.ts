import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipText, type Measure, measureText, splitText } from '../../../adapters/kit/text.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeStarts = (text: string) => new Set([...segmenter.segment(text)].map((s) => s.index));

/** Where each piece stands in the text: only whitespace between them, and all of the text covered. */
function placesOf(text: string, pieces: string[]): [number, number][] {
  const places: [number, number][] = [];
  let at = 0;
  for (const piece of pieces) {
    while (/\s/.test(text[at] ?? '') && !text.startsWith(piece, at)) at += 1;
    expect(text.startsWith(piece, at), `"${piece}" at ${at}`).toBe(true);
    places.push([at, at + piece.length]);
    at += piece.length;
  }
  expect(text.slice(at).trim()).toBe('');
  return places;
}

/** Graphemes of every kind that are easy to cut in half, and Chinese and English words. */
const TOKENS = [
  '👩‍👩‍👧‍👦', // a family: four emoji joined by ZWJ, 11 UTF-16 units
  '🏳️‍🌈', // rainbow flag: flag, variation selector, ZWJ, rainbow
  '🇨🇳',
  '🇯🇵', // regional indicator pairs
  '👍🏽', // skin tone modifier
  'e\u0301', // e + combining acute
  'n\u0303\u0323', // n with two combining marks
  '😀',
  '𠜎', // outside the BMP: a surrogate pair
  '请打开腾讯云的注册页面',
  '并填写信息',
  '。',
  '，',
  '、',
  '！',
  'hello',
  'world.',
  ' ',
  '\n',
  '\n\n',
];

const textOf = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((t) => t.join(''));

describe('splitText', () => {
  for (const measure of ['utf16', 'graphemes'] as Measure[]) {
    it(`never exceeds the limit, never cuts a grapheme and loses nothing (${measure})`, () => {
      fc.assert(
        fc.property(textOf, fc.integer({ min: 12, max: 200 }), (text, max) => {
          const pieces = splitText(text, max, measure);
          const starts = graphemeStarts(text);
          for (const [from, to] of placesOf(text, pieces)) {
            expect(measureText(text.slice(from, to), measure)).toBeLessThanOrEqual(max);
            expect(starts.has(from) && (to === text.length || starts.has(to))).toBe(true);
          }
          expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        }),
      );
    });
  }

  it('keeps ZWJ sequences, flags and combining marks whole when a run has no break at all', () => {
    const text = '👩‍👩‍👧‍👦🏳️‍🌈🇨🇳e\u0301😀'.repeat(10);
    const pieces = splitText(text, 20);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(20);
      expect([...segmenter.segment(piece)].every((s) => TOKENS.includes(s.segment))).toBe(true);
    }
  });

  it('breaks Chinese after a full stop first, then after a comma', () => {
    const sentence = '请打开腾讯云的注册页面，并填写信息。';
    const pieces = splitText(sentence.repeat(10), 40);
    expect(pieces.every((p) => p.endsWith('。'))).toBe(true);
    const noStops = '请打开腾讯云的注册页面，并填写信息，'.repeat(10);
    expect(splitText(noStops, 40).every((p) => p.endsWith('，'))).toBe(true);
  });

  it('prefers a paragraph, then a line, then a sentence end to a space', () => {
    const first = 'one two three four five six seven';
    const more = 'eight nine ten eleven twelve thirteen fourteen';
    expect(splitText(`${first}\n\nxx. yy\nzz ${more}`, 60)[0]).toBe(first);
    expect(splitText(`${first}\nxx. yy zz ${more}`, 60)[0]).toBe(first);
    expect(splitText(`${first}. yy zz ${more}`, 60)[0]).toBe(`${first}.`);
    expect(splitText(`${first} yy zz ${more}`, 60)[0]).toBe(`${first} yy zz eight nine ten`);
  });
});

describe('clipText', () => {
  it('fits the limit, marks the cut and never cuts a grapheme', () => {
    fc.assert(
      fc.property(textOf, fc.integer({ min: 12, max: 200 }), (text, max) => {
        const clipped = clipText(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        if (clipped === text.trim()) return;
        expect(clipped.endsWith('…')).toBe(true);
        const kept = clipped.slice(0, -1);
        expect(text.trim().startsWith(kept)).toBe(true);
        expect(graphemeStarts(text.trim()).has(kept.length)).toBe(true);
      }),
    );
  });

  it('counts graphemes when asked: a family emoji is one', () => {
    expect(clipText('👩‍👩‍👧‍👦'.repeat(5), 5, 'graphemes')).toBe('👩‍👩‍👧‍👦'.repeat(5));
    expect(clipText('👩‍👩‍👧‍👦'.repeat(6), 5, 'graphemes')).toBe(`${'👩‍👩‍👧‍👦'.repeat(4)}…`);
  });
});
