// The long-connection adapter at its own seam: the official client against the stand-in's endpoint and
// WebSocket, with handlers standing in for the inbox. What the answer frame says in each case — above all,
// an event that could not be stored is answered 500 (Feishu pushes it again), never 200.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushHandlers } from '../../src/feishu/ingress.ts';
import { startLongConnection, type LongConnection } from '../../src/feishu/long-connection.ts';
import { createLogger } from '../../src/logger.ts';
import type { CardAction, InboundEvent } from '../../src/inbound.ts';
import { cardActionEvent, envelope, messageEvent } from '../support/feishu-push.ts';
import { startFeishuStub, type FeishuStub } from '../support/feishu-stub.ts';

const APP_ID = 'cli_0123456789abcdef';
let stub: FeishuStub;
let link: LongConnection;
const accepted: InboundEvent[] = [];
const clicks: CardAction[] = [];
let storeFails = false;
const lines: Record<string, unknown>[] = [];

const handlers: PushHandlers = {
  async acceptEvent(ev) {
    if (storeFails) throw new Error('SQLITE_BUSY: database is locked');
    accepted.push(ev);
    return 'accepted';
  },
  async handleCardAction(a) {
    clicks.push(a);
    return { toast: { type: 'success', content: '已通过' }, card: { schema: '2.0', body: { elements: [] } } };
  },
};

beforeAll(async () => {
  stub = await startFeishuStub({ appId: APP_ID });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  link = await startLongConnection({ appId: APP_ID, appSecret: stub.appSecret, baseUrl: stub.url, logger: createLogger('info', sink), handlers, pingTimeoutS: 1 });
  await stub.ws.waitForClient();
});
afterAll(async () => {
  link.stop();
  await stub.stop();
});

const message = (text: string) => envelope('im.message.receive_v1', messageEvent({ openId: 'ou_someone', text }), { appId: APP_ID });

describe('the long-connection adapter', () => {
  it('pings first (the stand-in pushes only then) and is connected', () => {
    expect(link.status()).toMatchObject({ state: 'connected', reconnects: 0 });
    expect(stub.ws.connects).toBe(1);
  });

  it('an event is handed to the inbox and answered 200 with no data', async () => {
    const a = await stub.ws.push(message('帮助'));
    expect(a).toMatchObject({ code: 200 });
    expect(a.data).toBeUndefined();
    expect(accepted.at(-1)).toMatchObject({ kind: 'message', text: '帮助', senderOpenId: 'ou_someone' });
  });

  it('an event that could not be stored is answered 500, so Feishu pushes it again', async () => {
    storeFails = true;
    try {
      const push = message('提交');
      expect((await stub.ws.push(push)).code).toBe(500);
      storeFails = false;
      expect((await stub.ws.push(push)).code).toBe(200);
      expect(accepted.filter((e) => e.eventId === push.header.event_id)).toHaveLength(1);
      expect(lines.find((l) => l.msg === 'push not stored; answered 500, Feishu pushes it again')).toMatchObject({ level: 50 });
    } finally {
      storeFails = false;
    }
  });

  it('a card click is answered with the toast and the card, in the answer frame', async () => {
    const push = envelope('card.action.trigger', cardActionEvent({ openId: 'ou_reviewer', messageId: 'om_card_1', value: { a: 'review', plan: 1, v: 2, op: 'approve' } }), { appId: APP_ID });
    const a = await stub.ws.push(push);
    expect(a.code).toBe(200);
    expect(a.data).toEqual({ toast: { type: 'success', content: '已通过' }, card: { type: 'raw', data: { schema: '2.0', body: { elements: [] } } } });
    expect(clicks.at(-1)).toMatchObject({ openId: 'ou_reviewer', messageId: 'om_card_1', value: { a: 'review', plan: 1, v: 2, op: 'approve' } });
  });

  it.each([
    ['another app\'s event', envelope('im.message.receive_v1', messageEvent({ openId: 'ou_x', text: '帮助' }), { appId: 'cli_ffffffffffffffff' })],
    ['an event type the bot does not take', envelope('contact.user.updated_v3', {}, { appId: APP_ID })],
    ['a v1 event', { uuid: 'u1', event: { type: 'message' } }],
    ['not an object', [1, 2, 3]],
  ])('%s: answered 200 (pushing it again would not help) and logged, nothing accepted', async (_name, payload) => {
    const before = accepted.length;
    expect((await stub.ws.push(payload)).code).toBe(200);
    expect(accepted).toHaveLength(before);
    expect(lines.some((l) => l.msg === 'push rejected' || l.msg === 'push ignored')).toBe(true);
  });

  it('logs a dropped connection and the reconnect, without any message text', async () => {
    stub.ws.drop();
    await stub.waitFor(() => link.status().reconnects === 1, 5000, 'the reconnect');
    expect(link.status().state).toBe('connected');
    const said = lines.map((l) => l.msg);
    expect(said).toEqual(expect.arrayContaining(['long connection open', 'long connection lost; reconnecting', 'long connection open again']));
    expect(JSON.stringify(lines)).not.toContain('提交');
    expect(lines.every((l) => l.transport === 'ws')).toBe(true);
    // the client's own lines, as sentences
    expect(lines.filter((l) => l.sdk === 'ws').map((l) => l.msg)).toEqual(expect.arrayContaining(['[ws] reconnect', '[ws] ws client ready']));
    expect(lines.find((l) => typeof l.msg === 'string' && l.msg.includes('invoke event failed'))).toMatchObject({ level: 50 });
    if (process.env.PEEK) console.log(lines.map((l) => `${l.level} ${l.msg}`).join("\n"));
  });

  it('a connection whose pings go unanswered is taken for dead and opened again', async () => {
    const connects = stub.ws.connects;
    stub.ws.answerPings = false;
    stub.ws.drop(); // the next connection's first ping gets no pong
    try {
      await stub.waitFor(() => stub.ws.connects >= connects + 2, 8000, 'a second reconnect, after the silent one');
    } finally {
      stub.ws.answerPings = true;
    }
    await stub.waitFor(() => link.status().state === 'connected' && stub.ws.connected > 0, 8000, 'connected again');
    expect((await stub.ws.push(message('帮助'))).code).toBe(200);
  });
});
