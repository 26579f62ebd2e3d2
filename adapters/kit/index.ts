/**
 * The adapter kit: what every adapter does, written once. User keys, the keyed queue, marks and error
 * descriptions live in the core (it needs them too) and are re-exported here.
 */
export {
  CHECK_MARKS,
  checkMark,
  createKeyedQueue,
  describeError,
  type KeyedQueue,
  type PersonView,
  parseUserKey,
  plainPerson,
  STEP_MARKS,
  showPeople,
  type UserKeyParts,
  userKey,
} from '../../src/core/index.js';
export { BOLD_MARKERS, type BoldMarker, convertBold } from './bold.js';
export { clipText, type Measure, measureText, splitText } from './text.js';
export { withTimeout } from './timeout.js';
