// The shape of the code, checked from its import lines (docs/ARCHITECTURE.md): dependencies point inward
// (domain ← cards, flows ← ports ← model ← bot ← features ← container ← entry points; adapters implement
// ports), no feature imports another, no import cycles, no file over 300 lines.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const rel = (f: string) => path.relative(SRC, f);
/** The files a file imports from this tree. */
const localImports = (file: string) => importsOf(file).filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s));

const ENTRY = ['main.ts', 'cli.ts', 'app.ts', 'server.ts', 'config.ts', 'container.ts', 'clock.ts', 'logger.ts', 'paths.ts', 'inbound.ts', 'stack-traces.ts'];

/** For each layer: the layers and packages its files may import. */
const RULES: Record<string, { layers: string[]; packages: RegExp }> = {
  domain: { layers: ['domain'], packages: /^(zod|chinese-days(\/dist\/chinese-days\.json)?|node:.*)$/ },
  cards: { layers: ['cards', 'domain', 'paths.ts'], packages: /^(zod|node:.*)$/ },
  flows: { layers: ['flows', 'domain', 'cards'], packages: /^(zod|node:.*)$/ },
  ports: { layers: ['ports', 'domain', 'clock.ts', 'logger.ts'], packages: /^(node:.*)$/ },
  model: { layers: ['model', 'ports', 'domain', 'flows', 'cards', 'clock.ts', 'logger.ts'], packages: /^(zod|node:.*)$/ },
  bot: { layers: ['bot', 'model', 'ports', 'domain', 'cards', 'flows', 'inbound.ts', 'clock.ts', 'logger.ts'], packages: /^(zod|node:.*)$/ },
  // A feature may use the layers below it and its own folder, never another feature (checked below).
  features: { layers: ['features', 'bot', 'model', 'ports', 'domain', 'cards', 'flows', 'inbound.ts', 'clock.ts', 'logger.ts'], packages: /^(zod|node:.*)$/ },
  runtime: { layers: ['runtime', 'ports', 'cards', 'inbound.ts', 'clock.ts', 'logger.ts'], packages: /^(node:.*)$/ },
  feishu: { layers: ['feishu', 'ports', 'inbound.ts', 'domain', 'logger.ts'], packages: /^(@larksuiteoapi\/node-sdk|axios|express|zod|node:.*)$/ },
  db: { layers: ['db', 'ports', 'runtime', 'domain', 'generated', 'paths.ts'], packages: /^(@prisma\/.*|better-sqlite3|pg|node:.*)$/ },
  excel: { layers: ['excel', 'ports', 'domain', 'logger.ts'], packages: /^(exceljs|zod|node:.*)$/ },
  jobs: { layers: ['jobs', 'bot', 'runtime', 'clock.ts', 'logger.ts'], packages: /^(node-cron|node:.*)$/ },
  // Entry points of their own (like main.ts): they may use what they assemble, but nothing may use them.
  cli: { layers: ['cli', 'container.ts', 'features', 'model', 'ports', 'domain', 'cards', 'db', 'excel', 'feishu', 'jobs', 'runtime', 'bot', 'clock.ts', 'config.ts', 'logger.ts'], packages: /^(zod|node:.*)$/ },
  sandbox: { layers: ['sandbox', 'runtime', 'model', 'ports', 'domain', 'db', 'jobs', 'excel', 'app.ts', 'container.ts', 'clock.ts', 'config.ts', 'logger.ts', 'paths.ts'], packages: /^(express|ws|zod|node:.*)$/ },
};

describe('architecture', () => {
  it('every folder of src/ has its rule (a new one says where it stands)', () => {
    const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'generated').map((d) => d.name);
    expect(folders.filter((f) => !RULES[f]).sort()).toEqual([]);
    const loose = fs.readdirSync(SRC).filter((f) => f.endsWith('.ts'));
    expect(loose.filter((f) => !ENTRY.includes(f)).sort()).toEqual([]);
  });

  for (const [layer, rule] of Object.entries(RULES)) {
    const dir = path.join(SRC, layer);
    if (!fs.existsSync(dir)) continue;
    it(`${layer}/ imports only what it may`, () => {
      const offences: string[] = [];
      for (const file of files(dir)) {
        for (const spec of importsOf(file)) {
          if (spec.startsWith('.')) {
            const target = rel(path.resolve(path.dirname(file), spec));
            const top = target.split(path.sep)[0]!;
            if (!rule.layers.includes(top)) offences.push(`${rel(file)} → ${target}`);
          } else if (!rule.packages.test(spec)) {
            offences.push(`${rel(file)} → ${spec}`);
          }
        }
      }
      expect(offences).toEqual([]);
    });
  }

  it('no feature imports another feature', () => {
    const offences: string[] = [];
    for (const file of files(path.join(SRC, 'features'))) {
      const own = rel(file).split(path.sep)[1];
      for (const target of localImports(file).map(rel)) {
        const [top, name] = target.split(path.sep);
        if (top === 'features' && name !== own) offences.push(`${rel(file)} → ${target}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('nothing below the composition imports the features or the container', () => {
    const composers = ['features', 'cli', 'sandbox'];
    const offences = files(SRC)
      .filter((f) => !composers.includes(rel(f).split(path.sep)[0]!) && !['container.ts', 'app.ts', 'main.ts', 'cli.ts'].includes(rel(f)))
      .flatMap((f) => localImports(f).map((t) => [f, rel(t)] as const))
      .filter(([, t]) => t.startsWith(`features${path.sep}`) || t === 'container.ts')
      .map(([f, t]) => `${rel(f)} → ${t}`);
    expect(offences).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map(files(SRC).map((f) => [f, localImports(f).filter((t) => graph0.has(t))]));
    // Tarjan's strongly connected components: every component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  it('no file in src/ is over 300 lines', () => {
    const long = files(SRC)
      .map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 300)
      .map(([f, n]) => `${f}: ${n}`);
    expect(long).toEqual([]);
  });

  it("a feature's sentences are in its replies (and its manifest's command words), nowhere else", () => {
    const speaks = (f: string) => /[\u4e00-\u9fff]/.test(fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''));
    const sayer = (f: string) => /^(manifest|replies(-[\w-]+)?)\.ts$/.test(path.basename(f)) || rel(f).split(path.sep).includes('replies');
    const offences = files(path.join(SRC, 'features'))
      .filter((f) => !sayer(f) && speaks(f))
      .map(rel);
    expect(offences).toEqual([]);
  });

  it('test/ mirrors src/: every folder of test/ is one of src/, or end-to-end, contract or support', () => {
    const TEST = import.meta.dirname;
    const own = ['browser', 'contract', 'docs', 'e2e', 'fixtures', 'support'];
    const dirs = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => [path.join(dir, d.name), ...dirs(path.join(dir, d.name))]);
    const strays = dirs(TEST)
      .map((d) => path.relative(TEST, d))
      .filter((d) => !own.includes(d.split(path.sep)[0]!) && !fs.existsSync(path.join(SRC, d)));
    expect(strays).toEqual([]);
  });

  it('no file reads a single environment variable: entry points hand process.env to config.ts', () => {
    const code = (f: string) => fs.readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
    const readers = files(SRC).filter((f) => /process\.env\s*(\.|\[)/.test(code(f)));
    expect(readers.map((f) => path.relative(SRC, f))).toEqual([]);
    const passers = files(SRC).filter((f) => /process\.env\b/.test(code(f)));
    expect(passers.map((f) => path.relative(SRC, f)).sort()).toEqual(['cli.ts', 'main.ts']);
  });
});

const graph0 = new Set(files(SRC));

