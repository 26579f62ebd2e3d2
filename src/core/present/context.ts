import type { Holidays } from '../business-days.js';
import type { Flow, PlacedStep } from '../flow.js';
import type { FlowCatalogue } from '../flow-catalogue.js';
import type { Translator } from '../ports.js';
import type { Progress, ReplyDraft as Reply } from '../types.js';

/** One person's replies being written: their record, their language, and the words in it. */
export interface Presenting {
  /** The flow the person is in. */
  flow: Flow;
  flows: FlowCatalogue;
  translator: Translator;
  holidays: Holidays;
  steps: readonly PlacedStep[];
  p: Progress;
  language: string;
  /** Common words in the person's language. */
  t: (key: string, vars?: Record<string, unknown>) => string;
  /** The flow's own words in the person's language. */
  ft: (key: string, vars?: Record<string, unknown>) => string;
}

/** Echoed input (a step id, an item, a language code) is cut to this length. */
export const ECHO_LIMIT = 40;

export const info = (text: string, kind: Reply['kind'] = 'info'): Reply => ({ kind, text });
