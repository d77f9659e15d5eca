// Writes the PostgreSQL copy of the one schema (prisma/schema.prisma, SQLite) so that a second client can be
// generated for it: same models, provider postgresql, its own output folder, and every DateTime stored as
// a UTC instant (timestamptz, millisecond precision like JavaScript's Date). Run by `postinstall`; never
// edit the output by hand. `--check` exits 1 when the committed copy is out of date (a test runs it).
//   node scripts/gen-pg-schema.mjs [--check]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const SOURCE = path.join(root, 'prisma', 'schema.prisma');
export const TARGET = path.join(root, 'prisma', 'generated', 'schema.postgres.prisma');

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/gen-pg-schema.mjs: do not edit (npm run postinstall rewrites it).
`;

/** The PostgreSQL schema for a SQLite schema's text. */
export function toPostgres(source) {
  let out = source
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output       = "../../src/generated/prisma-pg"')
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/bot"');
  if (!out.includes('src/generated/prisma-pg') || !out.includes('"postgresql"')) {
    throw new Error('gen-pg-schema: the generator output or the datasource of prisma/schema.prisma changed shape');
  }
  return HEADER + instants(out);
}

/** Every DateTime field (a line: name, type, attributes) stored as timestamptz(3). */
export function instants(datamodel) {
  return datamodel.replace(/^([ \t]+\w+[ \t]+DateTime\??)(?=[ \t]|$)([^\n]*)$/gm, (_, field, rest) => `${field}${rest} @db.Timestamptz(3)`);
}

function main() {
  const want = toPostgres(fs.readFileSync(SOURCE, 'utf8'));
  const have = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : null;
  if (process.argv.includes('--check')) {
    if (have !== want) {
      console.error(`${path.relative(root, TARGET)} is out of date: run node scripts/gen-pg-schema.mjs`);
      process.exit(1);
    }
    return;
  }
  if (have !== want) {
    fs.mkdirSync(path.dirname(TARGET), { recursive: true });
    fs.writeFileSync(TARGET, want);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
