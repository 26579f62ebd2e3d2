import type { CommandWord } from './commands.js';
import type { PersonAsk, Progress } from './types.js';

/** What the person should see after a command; turned into words by `present`. */
export type Outcome =
  | { show: 'step'; stepId: string; intro?: boolean; refresh?: boolean }
  | { show: 'status' }
  | { show: 'help' }
  | { show: 'finished' }
  | { show: 'stale'; stepId: string }
  | { show: 'not-started' }
  | { show: 'at-first-step' }
  /** A yes/no of the person's own; `question` names this asking of it (the buttons carry it). */
  | { show: 'confirm'; ask: PersonAsk; question: string }
  /** Another step shown for a look, without its buttons; the person stays where they are. */
  | { show: 'peek'; stepId: string }
  /** The answer to a thank-you. */
  | { show: 'welcome' }
  | { show: 'cancelled' }
  | { show: 'lang-set' }
  | { show: 'lang-list'; unknown?: string }
  | { show: 'tick-unknown'; item: string }
  | { show: 'muted'; on: boolean }
  | { show: 'escalated'; already: boolean }
  | { show: 'review-waiting' }
  | { show: 'review-rejected' }
  | { show: 'not-a-review' }
  /** The flows, with the person's place in each; `unknown` echoes a name that is none of them. */
  | { show: 'flows'; unknown?: string }
  /** "Did you mean …?" with a button doing what `word` does; `said` is the vocabulary's word. */
  | { show: 'suggest'; word: CommandWord; said: string }
  | {
      show: 'hint';
      reason: 'empty' | 'unknown' | 'too-long' | 'sensitive' | 'nothing-to-confirm' | 'stale-question';
      /** Unrecognised words to look up in the guide (never stored: outcomes only become replies). */
      question?: string;
    };

export interface Transition {
  /** The same object as the input when nothing changed. */
  progress: Progress;
  outcomes: Outcome[];
}
