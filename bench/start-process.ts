/**
 * Child: start-up as a whole process, the way `npm start` runs the bot (its node command, its Node
 * options), on a copy of the generated store: from spawn until `/healthz` answers 200, then the time a
 * SIGTERM takes to write the snapshot and exit. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/free-port.js';

const [file] = process.argv.slice(2) as [string];
const root = fileURLToPath(new URL('..', import.meta.url));
const copy = `${file}.start-copy.json`;
await copyFile(file, copy);
await copyFile(`${file}.journal`, `${copy}.journal`).catch(() => undefined);

const port = await freePort();

const pkg = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { scripts: { start: string } };
// The node command npm start runs once it has built dist/main.js (the bench's parent built it already).
const [, ...args] = (pkg.scripts.start.split(/\bexec\s+/).pop() as string).split(/\s+/);
const t0 = performance.now();
const bot = spawn(process.execPath, args, {
  cwd: root,
  env: { PATH: process.env.PATH ?? '', HOME: '/tmp', STORE_FILE: copy, HEALTH_PORT: String(port) },
  stdio: ['pipe', 'ignore', 'inherit'],
});
const healthy = async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
};
while (!(await healthy())) {
  if (bot.exitCode !== null || performance.now() - t0 > 120_000) throw new Error('the bot did not start');
  await sleep(20);
}
const readyS = (performance.now() - t0) / 1000;
const t1 = performance.now();
bot.kill('SIGTERM');
const [code] = await once(bot, 'exit');
console.log(JSON.stringify({ readyS, stopS: (performance.now() - t1) / 1000, exitCode: code }));
