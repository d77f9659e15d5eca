// Bundles the server into dist/main.mjs (npm packages stay external). Running compiled JavaScript instead
// of transpiling TypeScript at start-up saves ~70 MB of memory and a second of start time.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
