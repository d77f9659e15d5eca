// Where the project's own files are, whether the code runs from src/ (tsx, tests) or from the dist/ bundle.
import fs from 'node:fs';
import path from 'node:path';

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'prisma'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`project root not found above ${from}`);
  }
}

export const PROJECT_ROOT = projectRoot(import.meta.dirname);
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
/** The same migrations written for PostgreSQL (scripts/gen-pg-migrations.mjs). */
export const PG_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations-postgres');
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
/** Static web pages (the sandbox). */
export const WEB_DIR = path.join(PROJECT_ROOT, 'web');
