/**
 * Preloaded before anything else (`node --import ./src/stop-before-start.mjs --import tsx src/main.ts`).
 *
 * As PID 1 in a container a process has no default signal handlers: a SIGTERM or SIGINT that arrives
 * while tsx is still loading the code (a second or more) would be ignored, and the runtime would kill
 * the container only after its grace period. Until `main` installs its own handlers (which finish what
 * is in flight and write the store), a stop signal ends the process at once: nothing is open yet.
 * Plain JavaScript, so it works before tsx is loaded.
 */
const stopNow = () => process.exit(0);
process.on('SIGTERM', stopNow);
process.on('SIGINT', stopNow);

/** `main` calls this once its own handlers are in place. */
globalThis[Symbol.for('guidepost.handOverStopSignals')] = () => {
  process.off('SIGTERM', stopNow);
  process.off('SIGINT', stopNow);
};
