/**
 * A separate process that owns a store, for the lock and crash tests. Run with `node --import tsx`
 * (one process, so a SIGKILL hits the process that holds the store; the `tsx` CLI would put a wrapper
 * process in between). Modes:
 *   hold <file>              open, print "open <pid>", close when stdin ends; on refusal print the error, exit 1;
 *                            a line "save <user>" on stdin saves that person's progress, then prints "saved <user>"
 *   churn <file> <firstSeq> [journalKb]  open, then save forever from 8 workers; print "ack <user> <seq>" after
 *                            each save resolves
 * The store compacts every `journalKb` KB of journal (16 unless given): several snapshot rewrites a second.
 */
import { openStore } from '../../src/store/journal-store.js';
import { eachLine } from './spawn-store-child.js';

const [mode, file, first, journalKb = '16'] = process.argv.slice(2);
const store = await openStore(file as string, { journalLimitBytes: Number(journalKb) * 1024 }).catch(
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);

if (mode === 'hold') {
  process.stdout.write(`open ${process.pid}\n`);
  eachLine(process.stdin, (line) => {
    const user = line.replace(/^save /, '');
    const progress = { user, flowId: 'reseller', flowVersion: 1, current: 'register', steps: {} };
    void store.save({ ...progress, updatedAt: new Date().toISOString() }).then(() => {
      process.stdout.write(`saved ${user}\n`);
    });
  });
  process.stdin.on('end', () => void store.close().then(() => process.exit(0)));
} else {
  let seq = Number(first);
  const base = Date.parse('2026-11-27T10:00:00Z');
  const worker = async (w: number) => {
    for (;;) {
      const n = seq++;
      const user = `console:local:u${w + 8 * (n % 6)}`;
      const at = new Date(base + n).toISOString();
      await store.save(
        { user, flowId: 'reseller', flowVersion: 1, current: 'register', steps: {}, updatedAt: at },
        `D${n}`,
      );
      process.stdout.write(`ack ${user} ${n}\n`);
    }
  };
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
}
