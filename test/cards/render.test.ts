import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderTemplate } from '../../src/cards/render.ts';
import { pagerRow, resendLine } from '../../src/cards/paging.ts';
import { helpCard } from '../../src/cards/help-card.ts';
import { welcomeCard } from '../../src/cards/welcome-card.ts';
import { assertValidCallback, assertValidCard } from '../support/card-lint.ts';
import { classCard, newClassCard } from '../../src/cards/class-card.ts';
import { executionListCard } from '../../src/cards/execution-list-card.ts';
import { packageReviewCard } from '../../src/cards/package-card.ts';
import { classTimeline, packageDeviations } from '../../src/domain/execution.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

describe('card templates', () => {
  it('puts user text into a card as text, never as structure or markup', () => {
    const evil = '"},{"tag":"button"} **粗** <at id=all></at> [x](http://e)';
    const card = renderTemplate(
      { tag: 'markdown', content: '单位：{{name}}', extra: { tag: 'plain_text', content: '{{name}}' } },
      { name: evil },
    );
    expect(card.extra).toEqual({ tag: 'plain_text', content: evil }); // plain text stays as typed
    expect(String(card.content)).not.toContain('<at');
    expect(String(card.content)).not.toContain('**');
    expect(String(card.content)).toContain('&#60;at id=all&#62;');
  });

  it.each([
    ['- 列表', '&#45; 列表'],
    ['1. 序号', '1&#46; 序号'],
    ['> 引用', '&#62; 引用'],
    ['a_b*c', 'a&#95;b&#42;c'],
    ['普通文字 100%', '普通文字 100%'],
  ])('escapes markdown %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('expands $each and $if, and inserts whole values for whole placeholders', () => {
    const t = {
      elements: [
        { $each: 'rows', as: 'r', do: { tag: 'markdown', content: '{{index}}. {{{r.md}}}' } },
        { $if: 'warn', then: { tag: 'hr' } },
        { $if: 'none', then: { tag: 'hr' }, else: { tag: 'div' } },
      ],
      count: '{{n}}',
    };
    const out = renderTemplate(t, { rows: [{ md: '**a**' }, { md: '**b**' }], warn: true, none: [], n: 2 });
    expect(out).toEqual({
      elements: [
        { tag: 'markdown', content: '1. **a**' },
        { tag: 'markdown', content: '2. **b**' },
        { tag: 'hr' },
        { tag: 'div' },
      ],
      count: 2,
    });
  });

  it('fails loudly on a missing value instead of sending a half-filled card', () => {
    expect(() => renderTemplate({ content: '{{missing}}' }, {})).toThrow(/missing/);
  });

  it('every card the foundation sends is valid card JSON 2.0', () => {
    const person = { openId: 'ou_1', name: '李明', role: 'declarant' as const, unitCode: '101001' };
    assertValidCard(helpCard({ person, unitName: '某局', entries: [{ word: '申报', summary: '开始申报', usage: '申报' }] }));
    assertValidCard(welcomeCard({ person: null, unitName: null, linkHint: '**请联系管理员**' }));
    assertValidCard(welcomeCard({ person, unitName: '某局', linkHint: '' }));
  });
});

describe('execution cards', () => {
  const timeline = classTimeline({ start: '2026-10-12', end: '2026-10-14' }, new Map(), new WorkCalendar(), new Date('2026-09-25T10:00:00+08:00'));
  const view = {
    classId: 3,
    classVersion: 1,
    planId: 9,
    planNumber: '2026-009',
    seq: 1,
    title: '业务培训班',
    unitName: '某局',
    start: '2026-10-12',
    end: '2026-10-14',
    status: 'active' as const,
    plan: { scope: '市外' as const, mode: '线下' as const, institution: '中国井冈山干部学院', headcount: 40, sessions: 2, days: 3, budget: 60000 },
    timeline,
    tentativeYears: [],
    records: {},
    attachments: [{ fileName: '方案.pdf', size: 2048 }],
  };
  const pkg = {
    classId: 3,
    label: '2026-009 第1期',
    title: '业务培训班',
    unitName: '某局',
    start: '2026-10-12',
    end: '2026-10-14',
    due: '2026-09-29',
    dueTentative: false,
    tentativeYears: [],
    plan: view.plan,
    pkg: { mode: '线上', scope: '市外', institution: '某中心', location: '井冈山', headcount: 40, content: '课程' },
    flags: packageDeviations({ mode: '线下', scope: '市外', institution: '某中心' }, { mode: '线上', scope: '市外', institution: '某中心' }, [], { start: '2026-10-12', end: '2026-10-14' }),
    attachments: [{ fileName: '方案.pdf', size: 2048 }],
    status: 'submitted' as const,
    version: 2,
    submittedAt: new Date('2026-09-20T10:00:00+08:00'),
    history: [],
  };

  const cases: [string, () => Record<string, unknown>][] = [
    ['a class', () => classCard(view)],
    ...([1, 2, 3, 4, 5, 6] as const).map((step): [string, () => Record<string, unknown>] => [`the form of step ${step}, with an error`, () => classCard(view, { form: { step, values: { mode: '线下', publishedOn: '2026-09-20' }, errors: { mode: '必填' } } })]),
    ['the dates form', () => classCard(view, { datesForm: { values: { start: '2026-10-12' }, errors: { end: '请选择结班日期' } } })],
    ['a cancellation to confirm', () => classCard(view, { confirmCancel: true })],
    ['a new class', () => newClassCard({ planId: 9, planNumber: '2026-009', title: '业务培训班', plan: view.plan, seq: 2, existing: ['- 第1期'], values: {}, errors: {} })],
    ['a package to review', () => packageReviewCard(pkg)],
    ['the return form', () => packageReviewCard(pkg, { returnForm: { errors: ['请填写退回意见'] } })],
    ['a decided package', () => packageReviewCard(pkg, { outcome: { title: '已通过', text: '甲 审核通过', color: 'green' } })],
    ['the list', () => executionListCard({ title: '执行情况', subtitle: '2026', color: 'blue', intro: '说明', plans: [{ text: '**2026-009**' }], pageLine: '第 1/2 页，共 9 个计划', classes: [{ id: 3, label: '2026-009 第1期' }], plansWithRoom: [{ id: 9, label: '2026-009' }], pager: pagerRow({ items: [], page: 1, pages: 2, total: 9 }, 'exec', new Date('2026-10-01T10:00:00+08:00')), footer: '脚注', resend: resendLine('执行') })],
  ];
  it.each(cases)('%s is valid card JSON 2.0, as a message and as a callback answer', (_name, build) => {
    const card = build();
    assertValidCard(card);
    assertValidCallback({ toast: { type: 'info', content: 'x' }, card: { type: 'raw', data: card } });
  });
});
