import MiniSearch from 'minisearch';
import stopwords from 'stopwords-iso' with { type: 'json' };
import { type Flow, placedSteps } from './flow.js';
import type { Translator } from './ports.js';

/**
 * Questions answered from what the bot already says: every step's text, help entries and checklist of
 * one flow, in one language, searched with MiniSearch. Words come from `Intl.Segmenter` (dictionary word
 * breaks for Chinese, which has no spaces), plus character pairs inside Chinese runs so that a question
 * and a passage split the same phrase differently still meet. Nothing here keeps the question.
 */
export interface GuideAnswer {
  stepId: string;
  /** Which of the step's passages: its text (title, body and checklist) or one help entry. */
  source: 'text' | `help:${string}`;
  /** One or two sentences of the passage, in the person's language. */
  quote: string;
}

interface Passage {
  id: number;
  stepId: string;
  source: GuideAnswer['source'];
  /** The step's title, searched with every passage of the step. */
  title: string;
  text: string;
}

/**
 * Below this score (MiniSearch's BM25+, with the weights below) a best match is one ordinary word in
 * common ("今天" scores 8.7), not an answer; the weakest right answer among the test questions scores 10.3.
 */
const GOOD_ENOUGH = 10;

const CJK = /\p{Script=Han}/u;
/** Words that say nothing about the guide ("where", "the", "怎么办"), from stopwords-iso. */
const STOPWORDS = new Set<string>([...stopwords.en, ...stopwords.zh]);
const indexes = new WeakMap<Flow, Map<string, { search: MiniSearch<Passage>; passages: Passage[] }>>();

/** The best passage for a question in one flow and language, or undefined when nothing is good enough. */
export function answerFromGuide(
  flow: Flow,
  translator: Translator,
  language: string,
  question: string,
  currentStepId: string | null,
): GuideAnswer | undefined {
  const { search, passages } = indexFor(flow, translator, language);
  const [best] = search.search(question, {
    boostDocument: (id) => boostOf(passages[id as number] as Passage, currentStepId),
    bm25: TUNING.bm25,
    boost: { title: TUNING.title },
    fuzzy: (term) => (term.length > 5 && !CJK.test(term) ? 0.2 : false),
    prefix: (term) => term.length > 3 && !CJK.test(term),
  });
  if (!best || best.score < GOOD_ENOUGH) return undefined;
  const passage = passages[best.id as number] as Passage;
  return {
    stepId: passage.stepId,
    source: passage.source,
    quote: quoteOf(passage.text, language, tokens(question, language)),
  };
}

/**
 * Weights chosen on the 40 questions in test/core/guide-search.test.ts: a step's title counts twice, a
 * help entry 1.3 times a step's instructions (it is written to answer a question), the current step's
 * passages twice. BM25+ as MiniSearch defaults it.
 */
const TUNING = { title: 2, help: 1.3, current: 2, bm25: { k: 1.2, b: 0.7, d: 0.5 } };

/** A help entry answers a question more often than a step's instructions; the current step comes first. */
const boostOf = (passage: Passage, currentStepId: string | null): number =>
  (passage.source === 'text' ? 1 : TUNING.help) * (passage.stepId === currentStepId ? TUNING.current : 1);

function indexFor(flow: Flow, translator: Translator, language: string) {
  let perLanguage = indexes.get(flow);
  if (!perLanguage) {
    perLanguage = new Map();
    indexes.set(flow, perLanguage);
  }
  let built = perLanguage.get(language);
  if (!built) {
    const passages = passagesOf(flow, translator, language);
    const search = new MiniSearch<Passage>({
      fields: ['title', 'text'],
      tokenize: (text) => tokens(text, language),
      processTerm: (term) => (STOPWORDS.has(term) ? null : term),
    });
    search.addAll(passages);
    built = { search, passages };
    perLanguage.set(language, built);
  }
  return built;
}

/** A passage per step (its title, body and checklist) and one per help entry. */
function passagesOf(flow: Flow, translator: Translator, language: string): Passage[] {
  const ft = (key: string) => translator.t(language, `${flow.id}:${key}`);
  const passages: Passage[] = [];
  const add = (stepId: string, source: Passage['source'], text: string) =>
    passages.push({ id: passages.length, stepId, source, title: ft(`steps.${stepId}.title`), text });
  for (const { step } of placedSteps(flow)) {
    const base = `steps.${step.id}`;
    const checklist = step.checklist.map((id) => `${ft(`${base}.checklist.${id}`)}.`);
    add(step.id, 'text', [ft(`${base}.body`), ...checklist].join(' '));
    for (const h of step.help) add(step.id, `help:${h.id}`, ft(`${base}.help.${h.id}`));
  }
  return passages;
}

/** Lower-case words, and for Chinese also every pair of neighbouring characters. */
function tokens(text: string, language: string): string[] {
  const out: string[] = [];
  for (const part of new Intl.Segmenter(language, { granularity: 'word' }).segment(text)) {
    if (!part.isWordLike) continue;
    const word = part.segment.toLowerCase();
    out.push(word);
  }
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** The one or two sentences of a passage that share most words with the question, in their order. */
function quoteOf(text: string, language: string, asked: string[]): string {
  const wanted = new Set(asked);
  const sentences = [...new Intl.Segmenter(language, { granularity: 'sentence' }).segment(text)]
    .map((s) => s.segment.trim())
    .filter(Boolean);
  if (sentences.length <= 2) return sentences.join(' ');
  const scored = sentences.map((s, i) => ({
    i,
    s,
    hits: tokens(s, language).filter((w) => wanted.has(w)).length,
  }));
  const top = [...scored].sort((a, b) => b.hits - a.hits || a.i - b.i).slice(0, 2);
  return top
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s)
    .join(language.startsWith('zh') ? '' : ' ');
}
