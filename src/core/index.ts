/** The core's public surface: adapters, stores, main, tests and the benchmark import from here only. */

export { type Bot, type BotDeps, createBot } from './bot.js';
export { actionId } from './commands.js';
export { doneCount, newProgress, type Outcome, transition } from './engine.js';
export {
  type Flow,
  FlowSchema,
  findStep,
  flowKeys,
  type PlacedStep,
  placedSteps,
  type Step,
} from './flow.js';
export { adapterLanguage, matchLanguage } from './languages.js';
export type {
  Adapter,
  AdapterDeps,
  AuditQuery,
  Clock,
  ConnectionReporter,
  Handle,
  Logger,
  Notifier,
  ProgressStore,
  RunningAdapter,
  Translator,
} from './ports.js';
export { type StoreHealth, StoreWriteError } from './store-error.js';
export * from './types.js';
