// Builds what `npm start`, the image and the systemd unit run: src/main.ts and everything it imports
// as ES modules, dist/main.js and its chunks in dist/chunks/, with the npm packages left to
// node_modules. Plain node then runs it without tsx's loader thread and its compile at every start
// (about 20 MB and a second less). Run by `npm start` itself (so it never runs stale code) and by
// `npm ci` (the `prepare` script).
import { build } from 'esbuild';
import { jsonPackages } from './json-packages.mjs';

// Each adapter is its own chunk, loaded by main's dynamic import only when configured: a bot without
// Discord never loads discord.js (in one file, every SDK was imported at start, about half a second).
// Old chunks are not removed here: a second `npm start` building at the same moment would delete the
// chunks the first one is loading. Their names carry a content hash, so stale ones are never read.
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [jsonPackages],
  sourcemap: true,
  logLevel: 'warning',
});
