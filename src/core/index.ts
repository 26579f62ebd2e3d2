/** The core's public surface: adapters, stores and main import from here only. */

export { type Bot, type BotDeps, buildVocabulary, createBot } from './bot.js';
export { addBusinessDays, formatDay } from './business-days.js';
export { actionId, COMMAND_WORDS, normalize, parseAction, parseText } from './commands.js';
export { doneCount, isFinished, isStarted, newProgress, type Outcome, transition } from './engine.js';
export {
  type Flow,
  FlowSchema,
  findStep,
  flowKeys,
  type PlacedStep,
  placedSteps,
  type Step,
} from './flow.js';
export { matchLanguage } from './languages.js';
export type { Clock, Logger, Notifier, ProgressStore, Translator } from './ports.js';
export { createPresenter, statusView } from './present.js';
export * from './types.js';
