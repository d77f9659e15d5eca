// An online copy of the SQLite database while the bot keeps writing to it, through SQLite's backup API
// (better-sqlite3 `db.backup`). The copy is written under a temporary name next to the destination, checked,
// made readable by this user only (it holds phone numbers), and only then given its name: a half-written
// backup never carries the name of a good one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Why a backup was not made; the caller words it for people. */
export type BackupRefusal =
  | { reason: 'source-missing'; path: string }
  | { reason: 'exists'; path: string }
  | { reason: 'is-source'; path: string }
  | { reason: 'folder-missing'; path: string }
  | { reason: 'not-a-folder'; path: string }
  | { reason: 'folder-denied'; path: string };

export class BackupRefused extends Error {
  constructor(readonly refusal: BackupRefusal) {
    super(`backup refused: ${refusal.reason} ${refusal.path}`);
  }
}

export type BackupResult = { file: string; bytes: number; counts: Record<string, number> };

/** Pages per step: the source is read in slices of 4 MB (4 KiB pages), yielding between them. */
const PAGES_PER_STEP = 1000;

function checkFolder(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new BackupRefused({ reason: 'not-a-folder', path: dir });
    if (code === 'EACCES') throw new BackupRefused({ reason: 'folder-denied', path: dir });
    throw new BackupRefused({ reason: 'folder-missing', path: dir });
  }
  if (!stat.isDirectory()) throw new BackupRefused({ reason: 'not-a-folder', path: dir });
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    throw new BackupRefused({ reason: 'folder-denied', path: dir });
  }
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/**
 * Copies the database at `source` to `dest`. Each step copies a slice of pages under a read transaction, so
 * writers go on meanwhile (WAL); when a write by another connection makes SQLite restart the copy, the rest
 * is copied in one step, one consistent snapshot, so a busy bot cannot keep the backup from finishing.
 * `tables`: the tables whose rows are counted in the finished copy.
 */
export async function backupSqlite(
  source: string,
  dest: string,
  o: { force?: boolean; tables: string[]; onStep?: (step: { remainingPages: number; restarted: boolean }) => void },
): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new BackupRefused({ reason: 'source-missing', path: source });
  const file = path.resolve(dest);
  const dir = path.dirname(file);
  if ([source, `${source}-wal`, `${source}-shm`, `${source}-journal`].map((f) => path.resolve(f)).includes(file)) {
    throw new BackupRefused({ reason: 'is-source', path: file });
  }
  checkFolder(dir);
  if (fs.existsSync(file) && !o.force) throw new BackupRefused({ reason: 'exists', path: file });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
  } catch (err) {
    if (['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? '')) {
      throw new BackupRefused({ reason: 'folder-denied', path: dir });
    }
    throw err;
  }
  try {
    const src = new Database(source, { fileMustExist: true, timeout: 10_000 });
    try {
      let last = Infinity;
      await src.backup(tmp, {
        progress: ({ remainingPages }) => {
          const restarted = remainingPages >= last; // a step that copied anything leaves fewer
          last = remainingPages;
          o.onStep?.({ remainingPages, restarted });
          return restarted ? 0x7fffffff : PAGES_PER_STEP;
        },
      });
    } finally {
      src.close();
    }
    const counts: Record<string, number> = {};
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      // One self-contained file: no -wal beside it to lose when the backup is moved.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails quick_check: ${String(check)}`);
      for (const t of o.tables) counts[t] = (copy.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
    } finally {
      copy.close();
    }
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (o.force) {
      fs.renameSync(tmp, file);
    } else {
      // link() never replaces a file: one made meanwhile by someone else is refused, not overwritten.
      try {
        fs.linkSync(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupRefused({ reason: 'exists', path: file });
        throw err;
      }
      fs.rmSync(tmp);
    }
    return { file, bytes: fs.statSync(file).size, counts };
  } finally {
    removeQuietly(tmp);
  }
}
