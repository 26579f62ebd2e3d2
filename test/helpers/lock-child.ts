/**
 * A separate process that only takes a store's lock, for the lock race tests. Args: <file> [socket|pid].
 * Prints "locked <pid>" and holds the lock until stdin ends (then releases it and exits 0), or prints
 * "refused <error name>: <message>" and exits 1. Run compiled (see compile-children.ts) so that a hundred
 * trials of ten starters stay fast; `node --import tsx` works too.
 */
import { acquireLock } from '../../src/store/lock.js';

const [file, mechanism] = process.argv.slice(2);
const lock = await acquireLock(
  file as string,
  mechanism === 'pid' || mechanism === 'socket' ? { mechanism } : {},
).catch((error: Error) => {
  process.stdout.write(`refused ${error.name}: ${error.message}\n`);
  process.exit(1);
});
process.stdout.write(`locked ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => void lock.release().then(() => process.exit(0)));
