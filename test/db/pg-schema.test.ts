// The PostgreSQL schema is generated from prisma/schema.prisma, never edited by hand: the committed copy
// must be what the generator writes now.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script without types
import { SOURCE, TARGET, toPostgres } from '../../scripts/gen-pg-schema.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('the generated PostgreSQL schema', () => {
  it('is up to date with prisma/schema.prisma', () => {
    const run = spawnSync(process.execPath, ['scripts/gen-pg-schema.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('has the same models, provider postgresql, its own client, and every DateTime as a UTC instant', () => {
    const source = fs.readFileSync(SOURCE, 'utf8');
    const pg: string = fs.readFileSync(TARGET, 'utf8');
    expect(pg).toBe(toPostgres(source));
    const models = (s: string) => [...s.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models(pg)).toEqual(models(source));
    expect(pg).toMatch(/provider = "postgresql"/);
    expect(pg).toMatch(/output\s+= "\.\.\/\.\.\/src\/generated\/prisma-pg"/);
    const dateTimes = (s: string) => s.match(/^[ \t]+\w+[ \t]+DateTime\??([ \t][^\n]*)?$/gm) ?? [];
    expect(dateTimes(pg).length).toBe(dateTimes(source).length);
    for (const line of dateTimes(pg)) expect(line).toContain('@db.Timestamptz(3)');
  });
});
