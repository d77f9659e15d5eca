// The real app behind its webhook: authenticity, challenge, dedup, acknowledgement, and bad input.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPush, cardActionEvent, envelope, feishuEncrypt, messageEvent, postPush } from '../support/feishu-push.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const DECLARANT = 'ou_declarant0001';
const STRANGER = 'ou_stranger00001';

describe.each(['sqlite', 'postgresql'] as const)('webhook with an Encrypt Key (%s)', (database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ database });
    await h.db.unit.create({ data: { code: '101001', name: '柳州市人力资源和社会保障局', staffCount: 150 } });
    await h.db.user.create({ data: { openId: DECLARANT, name: '李明', role: 'declarant', unitCode: '101001' } });
  });
  afterAll(() => h.stop());
  afterEach(() => h.lintSentCards());

  const inboxRows = () => h.db.inboundEvent.count();

  it('answers the URL challenge (encrypted) within a second', async () => {
    const started = Date.now();
    const res = await h.push({ challenge: 'ch-123', token: h.secrets.verificationToken, type: 'url_verification' }, '/feishu/events', false);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'ch-123' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers a stranger\'s 帮助 with what the bot does and how to get linked', async () => {
    const res = await h.say(STRANGER, '帮助');
    expect(res.status).toBe(200);
    const texts = await h.stub.waitFor(() => h.stub.textsTo(STRANGER).length > 0 && h.stub.textsTo(STRANGER), 5000, 'reply');
    expect(texts[0]).toContain('培训计划申报助手');
    expect(texts[0]).toContain('还没有关联到任何单位');
    expect(texts[0]).toContain(STRANGER); // the id to give the admin
    const create = h.stub.calls.find((c) => c.op === 'message.create')!;
    expect(create.query.receive_id_type).toBe('open_id');
    expect(create.authorization).toMatch(/^Bearer t-stub-/);
  });

  it('answers a declarant\'s 帮助 with a help card naming their unit', async () => {
    await h.say(DECLARANT, '帮助');
    const msg = await h.stub.waitFor(() => h.stub.messagesTo(DECLARANT).find((m) => m.msgType === 'interactive'));
    expect(JSON.stringify(msg.content)).toContain('柳州市人力资源和社会保障局 申报人');
  });

  it('says what to do with text it does not understand', async () => {
    await h.say(DECLARANT, '今天天气怎么样');
    const text = await h.stub.waitFor(() => h.stub.textsTo(DECLARANT).find((t) => t.includes('没有看懂')));
    expect(text).toContain('帮助');
  });

  it('rejects forged, unsigned, wrong-key and wrong-token pushes with 401 and no effect', async () => {
    const before = { rows: await inboxRows(), calls: h.stub.calls.length };
    const payload = envelope('im.message.receive_v1', messageEvent({ openId: STRANGER, text: '帮助' }), h.secrets);

    const forged = buildPush(payload, h.secrets);
    forged.headers['x-lark-signature'] = 'f'.repeat(64);
    const unsigned = buildPush(payload, h.secrets, { sign: false });
    const wrongKey = buildPush(payload, { encryptKey: 'not-the-key' });
    const wrongToken = buildPush(envelope('im.message.receive_v1', messageEvent({ openId: STRANGER, text: '帮助' }), { ...h.secrets, verificationToken: 'wrong' }), h.secrets);
    const plaintext = buildPush(payload, {});
    // A signature that is right for a different body must not validate this one.
    const tampered = buildPush(payload, h.secrets);
    tampered.body = JSON.stringify({ encrypt: feishuEncrypt(h.secrets.encryptKey!, JSON.stringify(payload)) });

    for (const push of [forged, unsigned, wrongKey, wrongToken, plaintext, tampered]) {
      const res = await postPush(h.bot.url, '/feishu/events', push);
      expect(res.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(await inboxRows()).toBe(before.rows);
    expect(h.stub.calls.length).toBe(before.calls);
  });

  it('turns three concurrent deliveries of one message into one reply', async () => {
    const who = 'ou_concurrent001';
    const payload = envelope('im.message.receive_v1', messageEvent({ openId: who, text: '帮助', messageId: 'om_dup_1' }), h.secrets);
    // Feishu may re-deliver with a new event_id; the message_id is the key.
    const again = { ...payload, header: { ...payload.header, event_id: 'ev_other_1' } };
    const results = await Promise.all([h.push(payload), h.push(payload), h.push(again)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.bot.idle();
    expect(h.stub.messagesTo(who)).toHaveLength(1);
    expect(await h.db.inboundEvent.count({ where: { dedupKey: 'msg:om_dup_1' } })).toBe(1);
  });

  it('acknowledges before the slow work is done', async () => {
    h.stub.inject('message.create', { kind: 'delay', ms: 1500 });
    const started = Date.now();
    const res = await h.say('ou_slowreply0001', '帮助');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    await h.stub.waitFor(() => h.stub.messagesTo('ou_slowreply0001').length === 1, 5000, 'slow reply');
  });

  it('greets a person who opens the chat, once a week at most', async () => {
    const who = 'ou_greeted000001';
    const entered = () => h.envelope('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: 'oc_x', operator_id: { open_id: who }, last_message_id: '' });
    await h.push(entered());
    await h.push(entered());
    await h.bot.idle();
    const cards = h.stub.messagesTo(who).filter((m) => m.msgType === 'interactive');
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.content)).toContain('还没有关联单位');
  });

  it('runs the command bound to a bot menu key, and explains an unknown key', async () => {
    const who = DECLARANT;
    const before = h.stub.messagesTo(who).length;
    await h.push(h.envelope('application.bot.menu_v6', { operator: { operator_name: '李明', operator_id: { open_id: who } }, event_key: 'help', timestamp: 1 }));
    await h.push(h.envelope('application.bot.menu_v6', { operator: { operator_id: { open_id: who } }, event_key: 'no_such_key' }));
    await h.bot.idle();
    const after = h.stub.messagesTo(who).slice(before);
    expect(after.map((m) => m.msgType).sort()).toEqual(['interactive', 'text']);
    expect(h.stub.textsTo(who).at(-1)).toContain('菜单项暂时不可用');
  });

  it('in a group answers only when @-mentioned', async () => {
    const chat = 'oc_group_0001';
    const base = { openId: DECLARANT, chatType: 'group' as const, chatId: chat };
    await h.say(DECLARANT, '帮助', base);
    await h.say(DECLARANT, '帮助', { ...base, mentions: [{ openId: 'ou_someoneelse01', name: '王五' }] });
    await h.say(DECLARANT, '帮助', { ...base, mentions: [{ openId: h.stub.botOpenId, name: '培训计划申报助手' }] });
    await h.bot.idle();
    const replies = h.stub.messages.filter((m) => m.op === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.msgType).toBe('interactive');
  });

  it('answers the help button inside the callback and sends the help card', async () => {
    const res = await h.click(DECLARANT, 'om_welcome_1', { a: 'help' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ toast: { type: 'success' } });
    await h.bot.idle();
    // a second, identical click is answered the same way and sends nothing more
    const sent = h.stub.messagesTo(DECLARANT).length;
    const again = await h.click(DECLARANT, 'om_welcome_1', { a: 'help' });
    expect(again.json).toEqual(res.json);
    await h.bot.idle();
    expect(h.stub.messagesTo(DECLARANT).length).toBe(sent);
  });

  describe('bad input gets a defined status and no crash', () => {
    const raw = (body: string | Buffer, contentType = 'application/json') =>
      fetch(`${h.bot.url}/feishu/events`, { method: 'POST', headers: { 'content-type': contentType }, body });

    it('malformed JSON → 400', async () => {
      expect((await raw('{"encrypt": ')).status).toBe(400);
    });
    it('wrong content type → 400', async () => {
      expect((await raw('challenge=1', 'application/x-www-form-urlencoded')).status).toBe(400);
    });
    it('a 10 MB body → 413', async () => {
      expect((await raw(Buffer.alloc(10 * 1024 * 1024, 0x20))).status).toBe(413);
    });
    it('a 10 MB body sent in chunks, without a length → 413, the rest not read', async () => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          if (sent >= 160) return c.close();
          sent++;
          c.enqueue(chunk);
        },
      });
      const res = await fetch(`${h.bot.url}/feishu/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: 'body too large' });
    });
    it('an empty body → 400', async () => {
      const res = await raw('');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'empty body' });
    });
    it('a compressed body (Feishu never sends one) → 415', async () => {
      const res = await fetch(`${h.bot.url}/feishu/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{}' });
      expect(res.status).toBe(415);
    });
    it('the push address as typed into Feishu: another case or a trailing slash still reaches the bot', async () => {
      for (const path of ['/Feishu/Events', '/feishu/events/', '/feishu/events?from=console']) {
        const res = await fetch(`${h.bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"encrypt": ' });
        expect(res.status, path).toBe(400); // reached the push handler: the JSON is malformed
      }
      expect((await fetch(`${h.bot.url}/feishu/eventsx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    });
    it('a GET of a push route → 404', async () => {
      expect((await fetch(`${h.bot.url}/feishu/events`)).status).toBe(404);
    });
    it('an unknown event type → 200, ignored', async () => {
      const rows = await inboxRows();
      const res = await h.push(h.envelope('contact.user.updated_v3', { object: {} }));
      expect(res.status).toBe(200);
      expect(await inboxRows()).toBe(rows);
    });
    it('an event for another app id → 401, no effect', async () => {
      const rows = await inboxRows();
      const payload = envelope('im.message.receive_v1', messageEvent({ openId: STRANGER, text: '帮助' }), { ...h.secrets, appId: 'cli_other_app' });
      expect((await h.push(payload)).status).toBe(401);
      expect(await inboxRows()).toBe(rows);
    });
    it('a signed request from more than 5 minutes ago (a replay) → 401, no effect; 4 minutes is fine', async () => {
      const rows = await inboxRows();
      const at = (minutesAgo: number) => ({ timestampSeconds: Math.floor(Date.now() / 1000) - minutesAgo * 60 });
      const push = (text: string, minutesAgo: number) =>
        postPush(h.bot.url, '/feishu/events', buildPush(envelope('im.message.receive_v1', messageEvent({ openId: STRANGER, text }), h.secrets), h.secrets, at(minutesAgo)));
      const replayed = await push('帮助 旧', 10);
      expect(replayed.status).toBe(401);
      expect(replayed.json).toEqual({ error: 'stale_timestamp' });
      expect(await inboxRows()).toBe(rows);
      expect((await push('帮助 新', 4)).status).toBe(200);
      expect((await push('帮助 将来', -10)).status).toBe(401); // a clock far ahead is no better
      const click = buildPush(envelope('card.action.trigger', cardActionEvent({ openId: DECLARANT, messageId: 'om_old', value: { a: 'help' } }), h.secrets), h.secrets, at(10));
      expect((await postPush(h.bot.url, '/feishu/cards', click)).status).toBe(401);
    });
    it('a card click with a value the bot never issued → 200 with an error toast', async () => {
      const res = await h.click(DECLARANT, 'om_any', { a: 'approve_everything', plan: 1 });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ toast: { type: 'error' } });
    });
    it('the server is still healthy afterwards', async () => {
      const res = await fetch(`${h.bot.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });
  });
});

describe('webhook with a Verification Token only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ security: 'token' });
  });
  afterAll(() => h.stop());

  it('answers the plaintext challenge', async () => {
    const res = await h.push({ challenge: 'plain-1', token: h.secrets.verificationToken, type: 'url_verification' });
    expect(res.json).toEqual({ challenge: 'plain-1' });
  });

  it('accepts a push with the right token and rejects a wrong one with 401', async () => {
    const ok = await h.say('ou_tokenmode0001', '帮助');
    expect(ok.status).toBe(200);
    const bad = await postPush(
      h.bot.url,
      '/feishu/events',
      buildPush(envelope('im.message.receive_v1', messageEvent({ openId: 'ou_tokenmode0002', text: '帮助' }), { ...h.secrets, verificationToken: 'nope' }), {}),
    );
    expect(bad.status).toBe(401);
    const challenge = await h.push({ challenge: 'x', token: 'nope', type: 'url_verification' });
    expect(challenge.status).toBe(401);
    await h.bot.idle();
    expect(h.stub.messagesTo('ou_tokenmode0001')).toHaveLength(1);
    expect(h.stub.messagesTo('ou_tokenmode0002')).toHaveLength(0);
  });
});
