// The built server's stack traces name the TypeScript sources, the map read only when a trace is written.
// Each case runs in a process of its own: the mapping is installed for the whole process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-stacks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ENTRY = `import { mapStackTraces } from ${JSON.stringify(path.resolve('src/stack-traces.ts'))};
mapStackTraces(import.meta.url);

class Store {
  async save(): Promise<void> {
    await Promise.resolve();
    throw new TypeError('no room');
  }
}

async function run(): Promise<void> {
  await new Store().save();
}
run().catch((err: Error) => {
  process.stdout.write(err.stack + '\\n');
  if (process.argv[2] === 'throw') throw err;
});
`;

async function bundle(name: string, o: { map: boolean }): Promise<string> {
  const entry = path.join(dir, `${name}.ts`);
  fs.writeFileSync(entry, ENTRY);
  const outfile = path.join(dir, `${name}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', sourcemap: o.map, sourcesContent: false, logLevel: 'silent' });
  return outfile;
}

describe('stack traces of the built server', () => {
  it('name the source file, line and column, keeping async frames, methods and the error', async () => {
    const out = await bundle('mapped', { map: true });
    const r = spawnSync(process.execPath, [out], { encoding: 'utf8' });
    const source = path.join(dir, 'mapped.ts');
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([`TypeError: no room`, `    at Store.save (${source}:7:11)`, `    at async run (${source}:12:3)`]);
    expect(r.stdout).not.toContain('mapped.mjs');
  });

  it('are mapped for an error that ends the process too', async () => {
    const out = await bundle('uncaught', { map: true });
    const r = spawnSync(process.execPath, [out, 'throw'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`at Store.save (${path.join(dir, 'uncaught.ts')}:7:11)`);
  });

  it('stay as Node writes them when the map cannot be read', async () => {
    const out = await bundle('broken', { map: true });
    fs.writeFileSync(`${out}.map`, '{ not json');
    const r = spawnSync(process.execPath, [out], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^TypeError: no room\n {4}at Store\.save \(file:\/\/.*broken\.mjs:\d+:\d+\)/);
  });

  it('stay as Node writes them when there is no map', async () => {
    const out = await bundle('plain', { map: false });
    const r = spawnSync(process.execPath, [out], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^TypeError: no room\n {4}at Store\.save \(file:\/\/.*plain\.mjs:\d+:\d+\)/);
  });
});
