// Outbound delivery through the persistent outbox, against the Feishu stand-in's faults and limits.
import { afterEach, describe, expect, it } from 'vitest';
import { createMessenger } from '../../src/runtime/messenger.ts';
import { createOutboxRepo } from '../../src/db/outbox-repo.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The CLI's way of saying something: store in the outbox, let the running bot deliver. */
function enqueueText(harness: Harness, openId: string, text: string, key: string) {
  return createMessenger(createOutboxRepo(harness.db), harness.clock, () => {}).sendText({ openId }, text, key);
}

describe('outbox delivery', () => {
  it('retries after a 429 (honouring x-ogw-ratelimit-reset) and then delivers once', async () => {
    h = await startHarness();
    h.stub.inject('message.create', {
      kind: 'status',
      status: 429,
      code: 99991400,
      msg: 'request trigger frequency limit',
      headers: { 'x-ogw-ratelimit-reset': '1' },
    });
    await h.say('ou_ratelimited01', '帮助');
    const text = await h.stub.waitFor(() => h!.stub.textsTo('ou_ratelimited01')[0], 8000, 'delivery after 429');
    expect(text).toContain('培训计划申报助手');
    const attempts = h.stub.calls.filter((c) => c.op === 'message.create');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950); // waited for the reset
  });

  it('retries 230020, 5xx and dropped connections with backoff, same uuid each time', async () => {
    h = await startHarness();
    h.stub.inject('message.create', { kind: 'status', status: 400, code: 230020 });
    h.stub.inject('message.create', { kind: 'status', status: 502 });
    h.stub.inject('message.create', { kind: 'network' });
    await h.say('ou_flaky00000001', '帮助');
    await h.stub.waitFor(() => h!.stub.textsTo('ou_flaky00000001').length === 1, 8000, 'delivery');
    const creates = h.stub.calls.filter((c) => c.op === 'message.create');
    expect(creates).toHaveLength(4);
    const uuids = new Set(creates.map((c) => (c.body as { uuid?: string }).uuid));
    expect(uuids.size).toBe(1);
  });

  it('fetches a new tenant token after 99991663 and delivers', async () => {
    h = await startHarness();
    await h.say('ou_tokenfirst001', '帮助');
    await h.bot.idle();
    const tokensBefore = h.stub.calls.filter((c) => c.op === 'token').length;
    h.stub.expireTokens(); // Feishu invalidated the token the bot has cached
    await h.say('ou_tokenexpired1', '帮助');
    await h.stub.waitFor(() => h!.stub.textsTo('ou_tokenexpired1').length === 1, 5000, 'delivery after refresh');
    const creates = h.stub.calls.filter((c) => c.op === 'message.create').slice(-2);
    expect(creates.map((c) => c.status)).toEqual([400, 200]);
    expect(creates[0]!.authorization).not.toEqual(creates[1]!.authorization);
    expect(h.stub.calls.filter((c) => c.op === 'token').length).toBe(tokensBefore + 1);
  });

  it('refreshes the token once when many sends find it expired together', async () => {
    h = await startHarness();
    await h.say('ou_tokenwarm0001', '帮助');
    await h.bot.idle();
    const tokensBefore = h.stub.calls.filter((c) => c.op === 'token').length;
    h.stub.expireTokens();
    // Stored at once, so the running bot sends them in parallel, all with the old token.
    const people = ['ou_tokenherd0001', 'ou_tokenherd0002', 'ou_tokenherd0003', 'ou_tokenherd0004', 'ou_tokenherd0005'];
    await Promise.all(people.map((p, i) => enqueueText(h!, p, '你好', `test:herd:${i}`)));
    await h.stub.waitFor(() => people.every((p) => h!.stub.textsTo(p).length === 1), 8000, 'every message after one refresh');
    expect(h.stub.calls.filter((c) => c.op === 'token').length).toBe(tokensBefore + 1);
  });

  it('gives up after the configured number of attempts and records why', async () => {
    h = await startHarness({ env: { OUTBOX_MAX_ATTEMPTS: '3' } });
    h.stub.inject('message.create', { kind: 'status', status: 503 }, 10);
    await enqueueText(h, 'ou_unreachable01', '你好', 'test:give-up');
    await waitForRow(h, 'test:give-up', (r) => r.status === 'failed');
    const failed = await h.db.outboxMessage.findUnique({ where: { idempotencyKey: 'test:give-up' } });
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed!.lastError).toMatch(/transient: .*HTTP 503/);
    expect(h.stub.calls.filter((c) => c.op === 'message.create')).toHaveLength(3);
  });

  it('does not retry a permanent error (e.g. the user is outside the app\'s availability scope)', async () => {
    h = await startHarness();
    h.stub.inject('message.create', { kind: 'status', status: 400, code: 230013, msg: 'Bot has NO availability to this user.' });
    await enqueueText(h, 'ou_outofscope001', '你好', 'test:permanent');
    await waitForRow(h, 'test:permanent', (r) => r.status === 'failed');
    expect(h.stub.calls.filter((c) => c.op === 'message.create')).toHaveLength(1);
  });

  it('stores first: messages queued while the bot is down are delivered once after a restart', async () => {
    h = await startHarness();
    await h.bot.stop();
    // Written while no worker runs (as the CLI does, or as a crash leaves them).
    const { createDb } = await import('../../src/db/prisma.ts');
    const db = createDb(h.config.databaseUrl);
    const messenger = createMessenger(createOutboxRepo(db), h.clock, () => {});
    for (let i = 1; i <= 3; i++) await messenger.sendText({ openId: 'ou_afterrestart1' }, `第${i}条`, `test:restart:${i}`);
    // one of them had been claimed by the process that died: its lease must run out first
    await db.outboxMessage.updateMany({
      where: { idempotencyKey: 'test:restart:3' },
      data: { status: 'processing', attempts: 1, lockedUntil: new Date(Date.now() + 300) },
    });
    await db.$disconnect();
    await h.restart();
    await h.stub.waitFor(() => h!.stub.textsTo('ou_afterrestart1').length === 3, 5000, 'three deliveries');
    await h.bot.idle();
    expect(h.stub.textsTo('ou_afterrestart1')).toEqual(['第1条', '第2条', '第3条']);
    // the same keys again are recognised and never sent twice
    await enqueueText(h, 'ou_afterrestart1', '第1条', 'test:restart:1');
    await h.bot.idle();
    expect(h.stub.textsTo('ou_afterrestart1')).toHaveLength(3);
  });

  it('keeps each person\'s messages in order and within 5/s per user and 50/s per app', async () => {
    h = await startHarness({ stub: { rateLimits: { appPerSecond: 50, userPerSecond: 5 } } });
    const people = Array.from({ length: 12 }, (_, i) => `ou_burst${String(i).padStart(8, '0')}`);
    const started = Date.now();
    for (const p of people) for (let i = 0; i < 8; i++) await enqueueText(h, p, `消息${i}`, `test:burst:${p}:${i}`);
    await h.stub.waitFor(() => h!.stub.messages.length === 96, 20_000, '96 deliveries');
    expect(h.stub.limitViolations).toBe(0);
    for (const p of people) expect(h.stub.textsTo(p)).toEqual(Array.from({ length: 8 }, (_, i) => `消息${i}`));
    // 8 messages to one person at 5/s cannot all go within the first second
    expect(Date.now() - started).toBeGreaterThan(1000);
  });
});

describe('files and card updates', () => {
  it('uploads a file once, then sends it; a retry after a failed send does not upload again', async () => {
    h = await startHarness();
    h.stub.inject('message.create', { kind: 'status', status: 500 });
    const messenger = createMessenger(createOutboxRepo(h.db), h.clock, () => {});
    const bytes = new Uint8Array(Buffer.from('PK\u0003\u0004 demo xlsx bytes'));
    await messenger.sendFile({ openId: 'ou_filereceive01' }, '2027年度培训计划申报表.xlsx', bytes, 'test:file:1');
    const msg = await h.stub.waitFor(() => h!.stub.messagesTo('ou_filereceive01')[0], 8000, 'file message');
    expect(msg.msgType).toBe('file');
    expect(h.stub.uploads).toHaveLength(1);
    expect(h.stub.uploads[0]).toMatchObject({ fileName: '2027年度培训计划申报表.xlsx', fileType: 'stream' });
    expect(Buffer.from(h.stub.uploads[0]!.data).equals(Buffer.from(bytes))).toBe(true);
    expect(msg.content).toEqual({ file_key: h.stub.uploads[0]!.fileKey });
    const row = await waitForRow(h, 'test:file:1', (r) => r.status === 'sent');
    expect(row).toMatchObject({ status: 'sent', fileData: null }); // bytes are not kept after delivery
  });

  it('updates a card it sent, once the card\'s message id is known', async () => {
    h = await startHarness();
    const messenger = createMessenger(createOutboxRepo(h.db), h.clock, () => {});
    const card = (text: string) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: text }] } });
    await messenger.sendCard({ openId: 'ou_cardpatch0001' }, card('待审核'), 'test:card:1');
    await messenger.patchCard({ sentKey: 'test:card:1' }, 'user:ou_cardpatch0001', card('已通过'), 'test:card:1:patch');
    const patch = await h.stub.waitFor(() => h!.stub.patches[0], 5000, 'patch');
    const sent = h.stub.messagesTo('ou_cardpatch0001')[0]!;
    expect(patch.messageId).toBe(sent.messageId);
    expect(JSON.stringify(patch.content)).toContain('已通过');
    h.lintSentCards();
  });
});

async function waitForRow(h: Harness, key: string, done: (r: { status: string }) => boolean, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await h.db.outboxMessage.findUnique({ where: { idempotencyKey: key } });
    if (row && done(row)) return row;
    if (Date.now() > deadline) throw new Error(`outbox row ${key} not done: ${row?.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('when an event cannot be handled', () => {
  it('after the last attempt, the sender is told what failed — never that anything was kept', async () => {
    h = await startHarness({ env: {} });
    await h.db.unit.create({ data: { code: '101001', name: '柳州市人力资源和社会保障局', staffCount: 150 } });
    await h.db.user.create({ data: { openId: 'ou_giveup_decl01', name: '李明', role: 'declarant', unitCode: '101001' } });
    h.stub.inject('resource.get', { kind: 'status', status: 503 }, 100);
    await h.say('ou_giveup_decl01', '', { file: { fileKey: 'file_v3_giveup_0001', fileName: '申报表.xlsx' } });
    const texts = await h.stub.waitFor(() => h!.stub.textsTo('ou_giveup_decl01').find((t) => t.includes('没有处理成功')), 20_000, 'the give-up notice');
    expect(texts).toBe('抱歉，您发送的文件「申报表.xlsx」没有处理成功。请稍后再发一次；如果仍然不行，请联系系统管理员。');
  }, 30_000);
});
