// Start-up migration of whichever database DATABASE_URL names: SQLite (migrate.ts) or PostgreSQL
// (migrate-postgres.ts).
import { migrateSqlite, type MigrationResult } from './migrate.ts';
import { migratePostgres } from './migrate-postgres.ts';
import { isPostgresUrl } from './prisma.ts';

export async function migrateDatabase(databaseUrl: string): Promise<MigrationResult> {
  return isPostgresUrl(databaseUrl) ? migratePostgres(databaseUrl) : migrateSqlite(databaseUrl);
}
