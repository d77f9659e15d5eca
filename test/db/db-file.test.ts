// The database holds people's phone numbers and declarations: only the bot's own user may read it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateSqlite } from '../../src/db/migrate.ts';
import { createDb } from '../../src/db/prisma.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-perm-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('the SQLite file', () => {
  it('is created 0600 in a 0700 folder, and so are its WAL files', async () => {
    const file = path.join(root, 'new', 'data', 'bot.db');
    migrateSqlite(`file:${file}`);
    const db = createDb(`file:${file}`);
    await db.user.create({ data: { openId: 'ou_perm_check_01', name: '甲' } });
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const extra of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(extra)) expect(mode(extra)).toBe(0o600);
    await db.$disconnect();
  });

  it('tightens an existing readable database, and leaves an existing folder as it is', () => {
    const dir = path.join(root, 'old');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'bot.db');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    migrateSqlite(`file:${file}`);
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
  });
});
