// SIGTERM ends the process within 10 s whatever is in flight, and the next process takes the event at once,
// not counted as a crash.
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/prisma.ts';
import { freePort, ready, until } from '../support/bot-process.ts';
import { plainRows } from '../support/hostile-files.ts';
import { hostileProcess } from '../support/hostile-process.ts';

const STOPPER = 'ou_hproc_decl0003';
const p = hostileProcess({ declarants: [STOPPER] });

describe('SIGTERM', () => {
  it('ends the process within 10 s while an event is mid-handling; the next process takes it at once, not counted as a crash', async () => {
    p.stub.inject('resource.get', { kind: 'delay', ms: 60_000 }, 1);
    const bot = p.start(p.env(), await freePort());
    await ready(bot);
    const messageId = await p.push(bot, STOPPER, { file: { name: '停机时.xlsx', data: await plainRows(10) } });
    await until('the download', () => p.stub.arrivals.some((a) => a.op === 'resource.get' && a.path.includes(messageId)), 10_000);
    const t0 = Date.now();
    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    const stoppedIn = Date.now() - t0;
    process.stdout.write(`SIGTERM with an event mid-handling: exited in ${(stoppedIn / 1000).toFixed(1)} s\n`);
    expect(stoppedIn).toBeLessThan(10_000);
    expect(code).toBe(0);
    const db = createDb(p.dbUrl);
    const row = await db.inboundEvent.findUnique({ where: { dedupKey: `msg:${messageId}` } });
    await db.$disconnect();
    expect(row).toMatchObject({ status: 'pending', crashes: 0 });

    const again = p.start(p.env(), await freePort());
    await ready(again);
    const taken = await until('the answer from the next process', () => p.textsTo(STOPPER).some((t) => t.includes('「停机时.xlsx」')), 15_000);
    expect(taken).toBeLessThan(10_000);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 60_000);
});
