// The admin CLI in-process, as of a fixed instant, against the database `env` names.
import { runCli } from '../../src/cli.ts';
import { createDb, type Db } from '../../src/db/prisma.ts';

export function cliAt(env: () => Record<string, string | undefined>, at: Date) {
  return {
    async cli(...args: string[]) {
      const lines: string[] = [];
      const code = await runCli(args, env(), (l) => lines.push(l), at);
      return { code, out: lines.join('\n') };
    },
    /** A short-lived client, disconnected after `fn`. */
    async withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
      const db = createDb(env().DATABASE_URL!);
      try {
        return await fn(db);
      } finally {
        await db.$disconnect();
      }
    },
  };
}
