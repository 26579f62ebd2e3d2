/** The core's public surface: adapters, stores, main, tests and the benchmark import from here only. */

export {
  type AdminCommand,
  type ArgumentKind,
  STAFF_COMMANDS,
  type StaffArgument,
  type StaffCommandSpec,
  usageText,
} from './admin/catalogue.js';
export { duration } from './admin/context.js';
export { type ArgumentValue, parseAdmin, staffCommandFrom } from './admin/parse.js';
export { type Bot, type BotDeps, createBot } from './bot.js';
export { actionId, COMMAND_WORDS } from './commands.js';
export { describeError } from './describe-error.js';
export { doneCount, newProgress, type Outcome, transition } from './engine.js';
export { type ErrorCode, GuidepostError, isGuidepostError, NamedError } from './errors.js';
export {
  type Flow,
  FlowSchema,
  findStep,
  flowKeys,
  type PlacedStep,
  placedSteps,
  type Step,
} from './flow.js';
export { createFlowCatalogue, type FlowCatalogue } from './flow-catalogue.js';
export { migratePart, migrateRecord, type VanishedStep } from './flow-migrate.js';
export { partOf } from './flow-parts.js';
export { createKeyedQueue, type KeyedQueue } from './keyed-queue.js';
export { adapterLanguage, matchLanguage } from './languages.js';
export { CHECK_MARKS, checkMark, STEP_MARKS } from './marks.js';
export {
  cleanDisplayName,
  DISPLAY_NAME_MAX,
  type PersonView,
  personMark,
  plainPerson,
  showPeople,
} from './person.js';
export type {
  Adapter,
  AdapterDeps,
  AuditQuery,
  Clock,
  ConnectionReporter,
  DashboardLinks,
  Handle,
  HandleHooks,
  Logger,
  Notifier,
  ProgressChange,
  ProgressStore,
  RunningAdapter,
  Translator,
  UpdateOptions,
  UpdateResult,
} from './ports.js';
export type * from './staff-views/types.js';
export { type StoreHealth, StoreWriteError } from './store-error.js';
export * from './types.js';
export { parseUserKey, type UserKeyParts, userKey } from './user-key.js';
