// Builds what `npm start`, the image and the systemd unit run: src/main.ts and everything it imports
// as one ES module, dist/main.js, with the npm packages left to node_modules. Plain node then runs it
// without tsx's loader thread and its compile at every start (about 20 MB and a second less). Run by
// `npm start` itself (so it never runs stale code) and by `npm ci` (the `prepare` script).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
