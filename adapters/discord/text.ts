/** Discord's documented size limits for what the bot sends. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  embeds: 10,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectLabel: 100,
  url: 512,
} as const;

/** Never end a piece between the two halves of a surrogate pair (an emoji or a rare character). */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Where to end the first piece of `text` so it is at most `max` long, preferring paragraph, line, then word breaks. */
function breakPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max / 2);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at >= floor) return at;
  }
  // Chinese has no spaces: end after a full stop or a comma, which stays with its sentence.
  for (const mark of ['。', '！', '？', '；', '，', '、']) {
    const at = window.lastIndexOf(mark, max - 1);
    if (at >= floor) return at + 1;
  }
  // No break in the second half: one very long word, such as a URL.
  return safeCut(text, max);
}

/** Splits text into pieces of at most `max` characters, at paragraph, line or word breaks where there are any. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const at = breakPoint(rest, max);
    const piece = rest.slice(0, at).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Shortens text to at most `max` characters at a word break, with an ellipsis when something was cut. */
export function shorten(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const [first = ''] = splitText(clean, max - 1);
  return `${first.replace(/[\s,.;:]+$/, '')}…`;
}
