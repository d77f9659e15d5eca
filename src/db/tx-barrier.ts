// SQLite through better-sqlite3 is one connection. The driver adapter keeps transactions apart from each
// other, but not from the statements issued outside them: an inbox insert that ran while some use case's
// interactive transaction was open (BEGIN … awaiting … COMMIT) became part of it, and vanished if that
// transaction rolled back, after the push had been acknowledged. This holds every write issued outside
// a transaction until the open one has finished; statements of the transaction itself go through it.

type Tx = { commit(): Promise<void>; rollback(): Promise<void> };
type Adapter = {
  queryRaw(q: unknown): Promise<unknown>;
  executeRaw(q: unknown): Promise<unknown>;
  executeScript(s: string): Promise<unknown>;
  startTransaction(isolationLevel?: never): Promise<Tx>;
};

const isRead = (q: unknown) => /^\s*SELECT\b/i.test((q as { sql?: string }).sql ?? '');

/** The adapter, with writes outside a transaction held back while one is open. */
export function serializeTransactions<A extends object>(adapter: A): A {
  const a = adapter as unknown as Adapter;
  let open: Promise<void> | null = null;
  // Each wait re-checks `open` in the same turn as what follows it: nothing can begin in between.
  const outside =
    <T>(run: (arg: T) => Promise<unknown>) =>
    async (arg: T) => {
      while (open) await open;
      return run(arg);
    };
  const overrides: Partial<Adapter> = {
    // A read changes nothing a rollback could take back: it is not held (it may see the open transaction's rows, as before).
    queryRaw: (q) => (open && !isRead(q) ? outside((x) => a.queryRaw(x))(q) : a.queryRaw(q)),
    executeRaw: outside((q) => a.executeRaw(q)),
    executeScript: outside((s: string) => a.executeScript(s)),
    async startTransaction(isolationLevel) {
      while (open) await open;
      let release!: () => void;
      open = new Promise<void>((resolve) => (release = resolve));
      const done = () => {
        open = null;
        release();
      };
      let tx: Tx;
      try {
        tx = await a.startTransaction(isolationLevel);
      } catch (err) {
        done();
        throw err;
      }
      const end = (finish: () => Promise<void>) => () => finish().finally(done);
      const commit = end(() => tx.commit());
      const rollback = end(() => tx.rollback());
      return new Proxy(tx, { get: (t, k) => (k === 'commit' ? commit : k === 'rollback' ? rollback : Reflect.get(t, k)) });
    },
  };
  return new Proxy(adapter, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof Adapter];
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
}
