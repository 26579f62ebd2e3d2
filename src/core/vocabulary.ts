import { ANSWER_WORDS, COMMAND_WORDS, type CommandWord, normalize, type Vocabulary } from './commands.js';
import type { Translator } from './ports.js';

/** Words for commands in every language we speak, plus the English words that work everywhere. */
export function buildVocabulary(translator: Translator): Vocabulary {
  const words = new Map<string, CommandWord>();
  const all: CommandWord[] = [...COMMAND_WORDS, ...ANSWER_WORDS];
  for (const word of all) words.set(word, word);
  for (const language of translator.languages) {
    for (const word of all) {
      for (const alias of translator.t(language, `common:words.${word}`).split('|')) {
        const clean = normalize(alias);
        if (clean && !words.has(clean)) words.set(clean, word);
      }
    }
  }
  return words;
}
