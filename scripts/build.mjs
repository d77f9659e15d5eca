// Bundles the server into dist/main.mjs (npm packages stay external). Running compiled JavaScript instead
// of transpiling TypeScript at start-up saves ~70 MB of memory and a second of start time. The spreadsheet
// readers' worker threads are entries of their own, next to it (src/excel/isolated-sheets.ts finds them).
//
// Memory (issue 15, peak RSS < 150 MB): the source map leaves out the sources (stack traces need only the
// mappings: −4 MB with --enable-source-maps), and Prisma's query compiler is read from a .wasm file next to
// the bundle instead of from Prisma's base64 module, whose source and string stay on the heap for good
// (2 × 2.4 MB, plus the decoded copy).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const outdir = 'dist';
const PROVIDERS = ['sqlite', 'postgresql'];

/** dist/query_compiler_bg.<provider>.wasm, decoded from the runtime Prisma ships. */
async function writeCompilerWasm(provider) {
  const mod = require.resolve(`@prisma/client/runtime/query_compiler_bg.${provider}.wasm-base64.js`);
  const { wasm } = await import(mod);
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, `query_compiler_bg.${provider}.wasm`), Buffer.from(wasm, 'base64'));
}

/** In the generated clients, the compiler module comes from that file. Fails the build if Prisma's code changed shape. */
const compilerFromFile = {
  name: 'prisma-compiler-from-file',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]generated[\\/]prisma(-pg)?[\\/]internal[\\/]class\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const pattern = /const \{ wasm \} = await import\("@prisma\/client\/runtime\/query_compiler_bg\.(\w+)\.wasm-base64\.mjs"\)\s*\n\s*return await decodeBase64AsWasm\(wasm\)/;
      const m = pattern.exec(source);
      if (!m || !PROVIDERS.includes(m[1])) throw new Error(`${args.path}: Prisma's compiler loading is not the expected code; update scripts/build.mjs`);
      const load = `const { readFile } = await import('node:fs/promises')
    return await WebAssembly.compile(await readFile(new URL('./query_compiler_bg.${m[1]}.wasm', import.meta.url)))`;
      return { contents: source.replace(pattern, load), loader: 'ts' };
    });
  },
};

await Promise.all(PROVIDERS.map(writeCompilerWasm));
await build({
  entryPoints: { main: 'src/main.ts', 'read-worker': 'src/excel/read-worker.ts', 'annotate-worker': 'src/excel/annotate-worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  sourcesContent: false,
  plugins: [compilerFromFile],
  logLevel: 'warning',
});
