// The last line of defence before a card leaves: Feishu's 30 KB and 200-element limits, counted the way
// the shared card-lint counts them, and a card over them cut visibly instead of refused.
import { describe, expect, it, vi } from 'vitest';
import { button } from '../../src/cards/actions.ts';
import { CARD_LIMITS, countElements, fitCard, measureCard, RESEND_ID, requestBytes, resendCommandOf } from '../../src/cards/limits.ts';
import { noticeCard } from '../../src/cards/notice-card.ts';
import { buttonRow } from '../../src/cards/parts.ts';
import type { CardJson } from '../../src/cards/render.ts';
import { cardLintAvailable, cardErrors } from '../support/card-lint.ts';

/** A list card with `n` rows, each a markdown line and a row of three buttons (13 elements a row). */
function listCard(n: number, resend?: string): CardJson {
  const rows = Array.from({ length: n }, (_, i) => [
    { tag: 'markdown', content: `**2027-${String(i + 1).padStart(3, '0')}**　柳州市第${i + 1}期业务能力提升培训班（市外 · 60人 · 10月 · 123.46万元）` },
    {
      tag: 'column_set',
      flex_mode: 'flow',
      columns: buttonRow([
        button('查看', { a: 'plan', plan: i + 1, op: 'open' }),
        button('撤回', { a: 'plan', plan: i + 1, op: 'withdraw', v: 1 }, 'danger_text', { confirm: { title: { tag: 'plain_text', content: '撤回？' }, text: { tag: 'plain_text', content: '撤回后变为草稿。' } } }),
        button('复制为新计划', { a: 'plan', plan: i + 1, op: 'copy' }, 'text'),
      ]),
    },
  ]);
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: '2027年度培训计划' }, template: 'indigo' },
    body: { elements: [...rows.flat(), ...(resend ? [{ tag: 'markdown', element_id: RESEND_ID, text_size: 'notation', content: `发送「${resend}」可重新查看` }] : [])] },
  };
}

const lintCount = (card: unknown) => {
  const m = cardErrors(card).map((e) => /card has (\d+) components\/elements/.exec(e.message)).find(Boolean);
  return m ? Number(m[1]) : null;
};

describe('counting a card as Feishu does', () => {
  it.skipIf(!cardLintAvailable)('counts components, columns and text elements exactly as card-lint does', () => {
    const card = listCard(20);
    // The header title; per row: markdown, column_set, 3 columns, 3 buttons and their texts, a confirm's title and text.
    expect(countElements(card)).toBe(1 + 20 * 13);
    expect(lintCount(card)).toBe(countElements(card));
  });

  it('measures the request that carries the card, where every quote of its JSON is escaped', () => {
    const card = listCard(3);
    const json = Buffer.byteLength(JSON.stringify(card));
    const quotes = (JSON.stringify(card).match(/"/g) ?? []).length;
    expect(requestBytes(card)).toBeGreaterThanOrEqual(json + quotes + 2);
    expect(requestBytes(card)).toBeLessThanOrEqual(json + quotes + 2 + 200);
  });
});

describe('fitting a card to the limits', () => {
  it('leaves a card within the limits untouched', () => {
    const card = listCard(10, '我的申报');
    const onCut = vi.fn();
    expect(fitCard(card, onCut)).toBe(card);
    expect(onCut).not.toHaveBeenCalled();
  });

  it('cuts a card over 200 elements after the last row that fits and says what to send to see everything', () => {
    const card = listCard(30, '我的申报');
    expect(measureCard(card).elements).toBeGreaterThan(CARD_LIMITS.maxElements);
    const onCut = vi.fn();
    const cut = fitCard(card, onCut);
    const m = measureCard(cut);
    expect(m.elements).toBeLessThanOrEqual(CARD_LIMITS.maxElements);
    expect(m.bytes).toBeLessThanOrEqual(CARD_LIMITS.maxBytes);
    const elements = (cut.body as { elements: { tag: string; content?: string }[] }).elements;
    expect(elements.at(-1)!.content).toBe("<font color='red'>内容过长，已截断，请发送「我的申报」查看全部。</font>");
    // The title and the notice, 15 whole rows of 13 elements, the 16th row's line (its buttons do not fit), the notice.
    expect(elements.map((e) => e.tag)).toEqual([...Array.from({ length: 15 }, () => ['markdown', 'column_set']).flat(), 'markdown', 'markdown']);
    expect(resendCommandOf(cut)).toBe('我的申报');
    expect(onCut).toHaveBeenCalledWith({ before: measureCard(card), after: m, title: '2027年度培训计划' });
    expect(cardErrors(cut)).toEqual([]);
  });

  it('cuts one markdown over 30 KB at a line, keeping the lines before it', () => {
    const lines = Array.from({ length: 800 }, (_, i) => `- 第 ${i + 1} 行：柳州市某某局《2027年度业务能力提升培训班》已等待 3 个工作日`);
    const card = noticeCard({ title: '待初审 800 个', body: lines.join('\n'), footer: '脚注' });
    expect(measureCard(card).bytes).toBeGreaterThan(CARD_LIMITS.maxBytes);
    const cut = fitCard(card);
    expect(measureCard(cut).bytes).toBeLessThanOrEqual(CARD_LIMITS.maxBytes);
    const [first, notice] = (cut.body as { elements: { content: string }[] }).elements;
    const kept = first!.content.split('\n');
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.at(-1)).toBe('……');
    expect(kept.slice(0, -1)).toEqual(lines.slice(0, kept.length - 1));
    expect(notice!.content).toContain('内容过长，已截断，请稍后再试，或联系系统管理员。');
    expect(cardErrors(cut)).toEqual([]);
  });
});
