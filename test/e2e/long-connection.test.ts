// The long connection (FEISHU_CONNECTION=ws), end to end: the official client (WSClient) in the bot talks to
// the stand-in's endpoint and WebSocket in pbbp2 frames; events and card clicks take the webhook's path from
// the frame on. Declaration by chat, review by card click, a redelivery, parts in any order, a dropped
// connection, a late command, and the start refused for a malformed App ID or credentials Feishu refuses.
import { createStores } from '../../src/db/stores.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LongConnectionRefused } from '../../src/feishu/long-connection.ts';
import { envelope, messageEvent } from '../support/feishu-push.ts';
import { startFeishuStub } from '../support/feishu-stub.ts';
import { buildBundle, freePort, ready, startProcess } from '../support/bot-process.ts';
import { startHarness, WS_APP_ID, type Harness } from '../support/harness.ts';
import { transcript } from '../support/transcript.ts';

const DECLARANT = 'ou_ws_decl_hrss01';
const REVIEWER = 'ou_ws_reviewer_01';
const DECLARING = new Date('2026-08-03T10:00:00+08:00');
const ANSWERS = ['2027年度人社业务能力提升培训班', '市内', '线下', '业务科室工作人员', '45人', '1', '3天', '10月', '柳州市城中区市委党校', '跳过', '3.6万', '跳过', '李明', '0772-2825472', '跳过'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: DECLARING, transport: 'ws' });
  await createStores(h.db).registry.saveUnits([
    { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: '李明', contactMobile: null },
  ]);
  await h.db.user.createMany({
    data: [
      { openId: DECLARANT, name: '李明', role: 'declarant', unitCode: '101001' },
      { openId: REVIEWER, name: '审核员', role: 'reviewer' },
    ],
  });
});
afterAll(() => h.stop());
afterEach(() => h.lintSentCards());

describe('over the long connection', () => {
  it('connects with the App ID and Secret, and /healthz reports the connection', async () => {
    expect(h.stub.ws.endpointCalls.at(-1)).toMatchObject({ appId: WS_APP_ID, granted: true });
    const res = await fetch(`${h.bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', feishu: 'connected' });
    expect(h.bot.feishuLink()).toMatchObject({ state: 'connected', reconnects: 0 });
  });

  it('a declaration by chat and a review decision by card click, each answered in its frame', async () => {
    h.clock.set(DECLARING);
    const framesBefore = h.stub.ws.answers.length;
    const t = transcript(h, DECLARANT);
    const start = await t.say('申报');
    expect(start[0]).toMatch(/开始申报 2027年度培训计划（编号 2027-\d{3}，柳州市人力资源和社会保障局）/);
    for (const answer of ANSWERS) await t.say(answer);
    const summary = t.all().at(-1)!;
    expect(summary).toContain('**经费预算（元）**　36,000.00元');
    const done = await t.click('提交');
    expect(done.toast).toMatchObject({ type: 'success' });
    expect(done.cardText).toContain('已提交，待初审');
    const number = /2027-\d{3}/.exec(done.messages[0]!)![0];

    const reviewer = transcript(h, REVIEWER);
    expect(reviewer.all().at(-1)).toContain(`# 待初审 · ${number}`);
    const approved = await reviewer.click('通过');
    expect(approved.toast).toMatchObject({ type: 'success', content: '初审通过' });
    expect(approved.cardText).toContain('审核员 于');
    expect((await h.db.plan.findUnique({ where: { number } }))?.status).toBe('FIRST_APPROVED');
    expect(h.stub.textsTo(DECLARANT).at(-1)).toContain(`${number}《${ANSWERS[0]}》初审已通过`);
    // 1 + 15 messages and 2 clicks, each acknowledged by its own answer frame
    expect(h.stub.ws.answers.length - framesBefore).toBe(18);
    expect(h.stub.ws.answers.slice(framesBefore).every((a) => a.code === 200)).toBe(true);
  });

  it('an event split into parts, sent out of order, is put together and handled once', async () => {
    const before = h.stub.messagesTo(DECLARANT).length;
    const push = envelope('im.message.receive_v1', messageEvent({ openId: DECLARANT, text: '帮助' }), { appId: WS_APP_ID });
    const answer = await h.pushWs(push, { parts: 5 });
    expect(answer.status).toBe(200);
    await h.bot.idle();
    const fresh = h.stub.messagesTo(DECLARANT).slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.msgType).toBe('interactive');
    // the same answer as to the message in one frame
    await h.say(DECLARANT, '帮助');
    await h.bot.idle();
    expect(h.stub.messagesTo(DECLARANT).slice(before + 1)[0]!.content).toEqual(fresh[0]!.content);
  });

  it('a redelivered event (another frame, the same event) has one effect', async () => {
    const before = h.stub.messagesTo(DECLARANT).length;
    const push = envelope('im.message.receive_v1', messageEvent({ openId: DECLARANT, text: '我的计划' }), { appId: WS_APP_ID });
    const [first, second] = await Promise.all([h.pushWs(push), h.pushWs(push)]);
    const third = await h.pushWs(push);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    await h.bot.idle();
    expect(h.stub.messagesTo(DECLARANT).slice(before)).toHaveLength(1);
    expect(await h.db.inboundEvent.count({ where: { eventId: push.header.event_id } })).toBe(1);
  });

  it('after a dropped connection the client reconnects, and events pushed meanwhile are handled', async () => {
    const connects = h.stub.ws.connects;
    const before = h.stub.messagesTo(DECLARANT).length;
    h.stub.ws.drop();
    // Feishu keeps what it could not deliver and pushes it once a client is back.
    const during = h.pushWs(envelope('im.message.receive_v1', messageEvent({ openId: DECLARANT, text: '帮助' }), { appId: WS_APP_ID }));
    await h.stub.waitFor(() => h.bot.feishuLink()?.state === 'reconnecting' || h.stub.ws.connects > connects, 5000, 'the drop noticed');
    expect((await during).status).toBe(200);
    expect(h.stub.ws.connects).toBe(connects + 1);
    await h.stub.waitFor(() => h.bot.feishuLink()?.state === 'connected', 5000, 'connected again');
    expect(h.bot.feishuLink()!.reconnects).toBeGreaterThanOrEqual(1);
    const after = await h.say(DECLARANT, '我的计划');
    expect(after.status).toBe(200);
    await h.bot.idle();
    expect(h.stub.messagesTo(DECLARANT).slice(before)).toHaveLength(2);
    expect(await (await fetch(`${h.bot.url}/healthz`)).json()).toEqual({ status: 'ok', feishu: 'connected' });
  });

  it('a command that arrives long after it was sent says so before the answer', async () => {
    const before = h.stub.messagesTo(DECLARANT).length;
    const sent = Date.now() - 9 * 60_000;
    const ev = messageEvent({ openId: DECLARANT, text: '我的计划' });
    ev.message.create_time = String(sent);
    await h.pushWs(envelope('im.message.receive_v1', ev, { appId: WS_APP_ID }));
    await h.bot.idle();
    const texts = h.stub.messagesTo(DECLARANT).slice(before);
    expect(texts).toHaveLength(2);
    expect(String(texts[0]!.content.text)).toMatch(/^您在 \d+月\d+日 \d\d:\d\d 发送的「我的计划」，机器人 \d+月\d+日 \d\d:\d\d 才收到（晚了约 9 分钟，与飞书的连接中断过）/);
    // on time: no such word
    await h.say(DECLARANT, '我的计划');
    await h.bot.idle();
    expect(h.stub.messagesTo(DECLARANT).slice(before + 2).map((m) => JSON.stringify(m.content)).join('')).not.toContain('才收到');
  });

  it('a push that cannot be read is answered (not pushed again for ever) and logged, and the connection stays', async () => {
    const answer = await h.pushWs({ schema: '2.0', header: { event_type: 'im.message.receive_v1' } });
    expect(answer.status).toBe(200);
    expect(h.bot.feishuLink()?.state).toBe('connected');
  });
});

describe('starting over the long connection', () => {
  it('credentials Feishu refuses stop the start with a clear message', async () => {
    const err = await startHarness({ transport: 'ws', env: { FEISHU_APP_SECRET: 'not-the-secret' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LongConnectionRefused);
    expect((err as Error).message).toContain('飞书拒绝了长连接，机器人没有启动：飞书返回错误码 10014（app secret invalid）');
    expect((err as Error).message).toContain('FEISHU_APP_SECRET');
  });
});

describe('the built bot in its own process over the long connection', () => {
  let dir: string;
  beforeAll(() => {
    buildBundle();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpbot-ws-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a malformed App ID (the official client would silently do nothing)', async () => {
    const s = startProcess({ FEISHU_CONNECTION: 'ws', FEISHU_APP_ID: 'cli_test_app', FEISHU_APP_SECRET: 'x', DATABASE_URL: `file:${path.join(dir, 'a.db')}` }, await freePort());
    expect(await s.exited).toBe(78);
    expect(s.output()).toContain('FEISHU_APP_ID：「cli_test_app」不是有效的 App ID。长连接模式要求 cli_ 加 16 位十六进制字符');
  });

  it('refuses credentials Feishu refuses, with exit code 78', async () => {
    const stub = await startFeishuStub({ appId: WS_APP_ID });
    try {
      const s = startProcess({ FEISHU_CONNECTION: 'ws', FEISHU_APP_ID: WS_APP_ID, FEISHU_APP_SECRET: 'wrong', FEISHU_BASE_URL: stub.url, DATABASE_URL: `file:${path.join(dir, 'b.db')}` }, await freePort());
      expect(await s.exited).toBe(78);
      expect(s.output()).toContain('飞书拒绝了长连接，机器人没有启动');
    } finally {
      await stub.stop();
    }
  });

  it('needs no Encrypt Key, keeps the webhook routes closed without one, answers over the connection, stops on SIGTERM', async () => {
    const stub = await startFeishuStub({ appId: WS_APP_ID });
    try {
      const s = startProcess({ FEISHU_CONNECTION: 'ws', FEISHU_APP_ID: WS_APP_ID, FEISHU_APP_SECRET: stub.appSecret, FEISHU_BASE_URL: stub.url, DATABASE_URL: `file:${path.join(dir, 'c.db')}`, LOG_LEVEL: 'info' }, await freePort());
      await ready(s);
      // /healthz answers while the connection is still being opened: {"feishu":"connecting"}, then connected.
      const deadline = Date.now() + 10_000;
      let health: unknown;
      do {
        health = await (await fetch(`${s.url}/healthz`)).json();
        if ((health as { feishu?: string }).feishu !== 'connected') await new Promise((r) => setTimeout(r, 50));
      } while ((health as { feishu?: string }).feishu !== 'connected' && Date.now() < deadline);
      expect(health).toEqual({ status: 'ok', feishu: 'connected' });
      const unsigned = await fetch(`${s.url}/feishu/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(unsigned.status).toBe(404);
      await stub.ws.waitForClient();
      const answer = await stub.ws.push(envelope('im.message.receive_v1', messageEvent({ openId: 'ou_ws_proc_someone', text: '帮助' }), { appId: WS_APP_ID }));
      expect(answer.code).toBe(200);
      await stub.waitFor(() => stub.messagesTo('ou_ws_proc_someone').length > 0, 10_000, 'the answer');
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      expect(s.output()).toContain('"connection":"ws"');
    } finally {
      await stub.stop();
    }
  });
});
