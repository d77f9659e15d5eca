// Writes the PostgreSQL migrations (prisma/migrations-postgres/<name>/migration.sql), one for each SQLite
// migration in prisma/migrations and under the same name, with `prisma migrate diff --script`.
// The SQLite migrations are the history: they are applied one by one to a scratch SQLite database, which
// is introspected after each (`prisma db pull`); that datamodel, turned into PostgreSQL (DateTime as
// timestamptz(3), like scripts/gen-pg-schema.mjs), is diffed from the one of the previous step. (The
// schema's git history would not do: migrations made on parallel branches see each other's columns only
// after the merge.) At the end the history must equal prisma/generated/schema.postgres.prisma, or the
// script fails. Hand-written SQL of a SQLite migration (the PlanEvent triggers) has its PostgreSQL twin in
// EXTRAS. Migrations already written are left alone (an applied migration never changes); --all rewrites.
//   node scripts/gen-pg-migrations.mjs [--all]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SOURCE, TARGET, instants } from './gen-pg-schema.mjs';

const root = path.resolve(import.meta.dirname, '..');
const SQLITE_DIR = path.join(root, 'prisma', 'migrations');
const PG_DIR = path.join(root, 'prisma', 'migrations-postgres');

const EXTRAS = {
  '20261127010000_domain_core': `
-- The audit trail is append-only: no statement may change or remove an event.
CREATE FUNCTION "PlanEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PlanEvent is append-only';
END;
$$;

CREATE TRIGGER "PlanEvent_no_update" BEFORE UPDATE ON "PlanEvent"
FOR EACH ROW EXECUTE FUNCTION "PlanEvent_append_only"();

CREATE TRIGGER "PlanEvent_no_delete" BEFORE DELETE ON "PlanEvent"
FOR EACH ROW EXECUTE FUNCTION "PlanEvent_append_only"();
`,
};

function prisma(cwd, dbFile, args) {
  // prisma.config.ts builds its adapter from DATABASE_URL: the scratch database.
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}` };
  return execFileSync('npx', ['prisma', ...args], { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The PostgreSQL datamodel of the scratch SQLite database as it is now. */
function introspect(tmp, dbFile) {
  const pullSchema = path.join(tmp, 'pull.prisma');
  fs.writeFileSync(pullSchema, `datasource db {\n  provider = "sqlite"\n  url      = "file:${dbFile}"\n}\n`);
  const pulled = prisma(root, dbFile, ['db', 'pull', '--print', '--schema', pullSchema]);
  const models = pulled.slice(pulled.search(/^model /m));
  if (!models.startsWith('model ')) throw new Error(`db pull printed no model:\n${pulled}`);
  // Introspection reads every SQLite INTEGER PRIMARY KEY as autoincrement, and the SQLite migration of
  // Campaign even says AUTOINCREMENT for its year, which schema.prisma does not: a column is autoincrement
  // here only where prisma/schema.prisma says so.
  const serial = autoincrementFields(fs.readFileSync(SOURCE, 'utf8'));
  const fixed = models.replace(/^model (\w+) \{[\s\S]*?^\}/gm, (block, model) =>
    block.replace(/^([ \t]+)(\w+)([^\n]*?) @default\(autoincrement\(\)\)/gm, (line, indent, field, rest) =>
      serial.has(`${model}.${field}`) ? line : `${indent}${field}${rest}`,
    ),
  );
  return `datasource db {\n  provider = "postgresql"\n  url      = "postgresql://localhost:5432/bot"\n}\n\n${instants(fixed)}`;
}

function autoincrementFields(schema) {
  const out = new Set();
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, field] of body.matchAll(/^[ \t]+(\w+)[^\n]*@default\(autoincrement\(\)\)/gm)) out.add(`${model}.${field}`);
  }
  return out;
}

function diff(tmp, dbFile, from, to) {
  const fromArgs = from ? ['--from-schema-datamodel', from] : ['--from-empty'];
  return prisma(root, dbFile, ['migrate', 'diff', '--script', ...fromArgs, '--to-schema-datamodel', to]);
}

function main() {
  const all = process.argv.includes('--all');
  const names = fs.readdirSync(SQLITE_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-migrations-'));
  const dbFile = path.join(tmp, 'history.db');
  const db = new Database(dbFile);
  try {
    let previous = null;
    for (const name of names) {
      db.exec(fs.readFileSync(path.join(SQLITE_DIR, name, 'migration.sql'), 'utf8'));
      const schema = path.join(tmp, `${name}.prisma`);
      fs.writeFileSync(schema, introspect(tmp, dbFile));
      const out = path.join(PG_DIR, name, 'migration.sql');
      if (all || !fs.existsSync(out)) {
        const sql = diff(tmp, dbFile, previous, schema) + (EXTRAS[name] ?? '');
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, sql);
        console.log(`wrote ${path.relative(root, out)}`);
      }
      previous = schema;
    }
    const rest = diff(tmp, dbFile, previous, TARGET);
    if (!/empty migration/.test(rest)) {
      throw new Error(`the SQLite migrations do not produce prisma/schema.prisma; missing on PostgreSQL:\n${rest}`);
    }
    fs.writeFileSync(path.join(PG_DIR, 'migration_lock.toml'), '# Written by scripts/gen-pg-migrations.mjs\nprovider = "postgresql"\n');
  } finally {
    db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
