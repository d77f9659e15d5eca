// Where cards leave the bot: the messenger (sends, replies, patches) and the card-callback answer both fit
// every card to Feishu's limits and log when they cut; and a card Feishu refused is answered in text to
// wherever it was going, once.
import { describe, expect, it, vi } from 'vitest';
import { countElements, requestBytes } from '../../src/cards/limits.ts';
import { createLogger } from '../../src/logger.ts';
import { answerRejectedCard } from '../../src/runtime/card-fallback.ts';
import { createCardActionHandler } from '../../src/bot/card-actions.ts';
import { z } from 'zod';
import { newRow } from '../../src/runtime/lane-worker.ts';
import { createMessenger } from '../../src/runtime/messenger.ts';
import type { OutboundItem, OutboxRepo, OutboxRow } from '../../src/runtime/outbox-store.ts';

/** 300 lines of markdown, one element each: over Feishu's 200. */
const hugeCard = {
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: '2027年度培训计划' }, subtitle: { tag: 'plain_text', content: '某局' } },
  body: {
    elements: [
      ...Array.from({ length: 300 }, (_, i) => ({ tag: 'markdown', content: `第 ${i + 1} 行` })),
      { tag: 'markdown', element_id: 'resend', text_size: 'notation', content: '发送「我的申报」可重新查看' },
    ],
  },
};

function memoryRepo(rows: OutboxRow[] = []) {
  const stored: OutboundItem[] = [];
  const repo: Pick<OutboxRepo, 'enqueue' | 'findByKey'> = {
    async enqueue(items) {
      const fresh = items.filter((i) => !stored.some((s) => s.idempotencyKey === i.idempotencyKey));
      stored.push(...fresh);
      return fresh.map((i, k) => newRow(stored.length - fresh.length + k + 1, i.lane, new Date(0)));
    },
    async findByKey(key) {
      return rows.find((r) => r.idempotencyKey === key) ?? null;
    },
  };
  return { repo, stored };
}

const capture = () => {
  const logger = createLogger('silent');
  const error = vi.spyOn(logger, 'error');
  return { logger, error };
};

describe('the messenger', () => {
  it('stores a card over the limits cut to fit, and logs an error', async () => {
    const { repo, stored } = memoryRepo();
    const { logger, error } = capture();
    const m = createMessenger(repo as OutboxRepo, { now: () => new Date(0) }, () => {}, logger);
    await m.sendCard({ openId: 'ou_x' }, hugeCard, 'k1');
    await m.patchCard({ sentKey: 'k1' }, 'user:ou_x', hugeCard, 'k2');
    for (const item of stored) {
      const card = JSON.parse(item.content!);
      expect(countElements(card)).toBeLessThanOrEqual(200);
      expect(requestBytes(card)).toBeLessThanOrEqual(30 * 1024);
      expect(JSON.stringify(card)).toContain('内容过长，已截断，请发送「我的申报」查看全部。');
    }
    expect(error).toHaveBeenCalledTimes(2);
    expect(error.mock.calls[0]![0]).toMatchObject({ before: { elements: 303 }, title: '2027年度培训计划' }); // title, subtitle, 301 markdowns
  });
});

describe('the card-callback answer', () => {
  it('is cut to fit too, and logged', async () => {
    const { logger, error } = capture();
    const people = { find: async () => null, touch: async () => {}, claimGreeting: async () => false };
    const routes = { help: { audience: 'anyone' as const, value: z.object({ a: z.literal('help') }), run: async () => ({ card: hugeCard }) } };
    const handle = createCardActionHandler({ people, messenger: {} as never, clock: { now: () => new Date(0) }, routes, pages: {} });
    const r = await handle({ kind: 'card_action', eventId: 'e', openId: 'ou_x', messageId: 'om', value: { a: 'help' } }, logger);
    expect(countElements(r.card)).toBeLessThanOrEqual(200);
    expect(error).toHaveBeenCalledOnce();
  });
});

const row = (over: Partial<OutboxRow>): OutboxRow => ({
  id: 1, idempotencyKey: 'card-key', kind: 'send', lane: 'user:ou_x', receiveIdType: 'open_id', receiveId: 'ou_x', targetId: null, targetKey: null,
  msgType: 'interactive', content: JSON.stringify(hugeCard), fileName: null, fileData: null, fileKey: null, status: 'pending', attempts: 1,
  availableAt: new Date(0), lockedUntil: null, lastError: null, sentMessageId: null, ...over,
});

describe('a card Feishu refused', () => {
  const text = '「2027年度培训计划」（某局）没能显示：飞书拒收了这张卡片。\n请发送「我的申报」重新查看（长的列表会分页显示）；如果仍然不行，请联系系统管理员。';

  it.each([
    ['a card sent to a person', row({}), { kind: 'send', receiveIdType: 'open_id', receiveId: 'ou_x', lane: 'user:ou_x' }],
    ['a reply in a group', row({ kind: 'reply', lane: 'chat:oc_g', receiveIdType: null, receiveId: null, targetId: 'om_q' }), { kind: 'reply', targetId: 'om_q', lane: 'chat:oc_g' }],
    ['an update of a card in a 1:1 chat', row({ kind: 'patch', msgType: null, receiveIdType: null, receiveId: null, targetKey: 'sent' }), { kind: 'send', receiveIdType: 'open_id', receiveId: 'ou_x' }],
  ])('%s: the text goes where the card went', async (_name, r, where) => {
    const { repo, stored } = memoryRepo();
    expect(await answerRejectedCard(repo, r, new Date(0))).toBe(true);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ...where, msgType: 'text', content: JSON.stringify({ text }) });
    expect(stored[0]!.idempotencyKey).toMatch(/^fallback:[0-9a-f]{40}$/);
    expect(await answerRejectedCard(repo, r, new Date(0))).toBe(false); // once
  });

  it('an update on a lane of its own goes to whoever got the card it updates', async () => {
    const sent = row({ idempotencyKey: 'review:1', receiveIdType: 'chat_id', receiveId: 'oc_review', lane: 'chat:oc_review' });
    const { repo, stored } = memoryRepo([sent]);
    await answerRejectedCard(repo, row({ kind: 'patch', lane: 'patch:review:1', msgType: null, receiveIdType: null, receiveId: null, targetKey: 'review:1' }), new Date(0));
    expect(stored[0]).toMatchObject({ kind: 'send', receiveIdType: 'chat_id', receiveId: 'oc_review', lane: 'chat:oc_review' });
  });

  it('a card with no resend line still says what it was; a text or a file is not answered', async () => {
    const { repo, stored } = memoryRepo();
    await answerRejectedCard(repo, row({ content: JSON.stringify({ schema: '2.0', header: { title: { tag: 'plain_text', content: '待初审 · 2027-001' } }, body: { elements: [] } }) }), new Date(0));
    expect(JSON.parse(stored[0]!.content!).text).toBe('「待初审 · 2027-001」没能显示：飞书拒收了这张卡片。\n请稍后再试；如果仍然不行，请联系系统管理员。');
    expect(await answerRejectedCard(repo, row({ idempotencyKey: 'text', msgType: 'text', content: '{"text":"x"}' }), new Date(0))).toBe(false);
    expect(await answerRejectedCard(repo, row({ idempotencyKey: 'file', kind: 'file', msgType: null, content: null }), new Date(0))).toBe(false);
  });
});
