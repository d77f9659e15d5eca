// The sandbox's card renderer (web/sandbox/card-render.js) on every card template the bot ships: each one
// shows with nothing left out, and nothing a person typed can become markup.
import { describe, expect, it } from 'vitest';
import { classCard, newClassCard } from '../../src/cards/class-card.ts';
import { executionListCard } from '../../src/cards/execution-list-card.ts';
import { packageReviewCard } from '../../src/cards/package-card.ts';
import { helpCard } from '../../src/cards/help-card.ts';
import { noticeCard } from '../../src/cards/notice-card.ts';
import { planFormCard } from '../../src/cards/plan-form-card.ts';
import { planListCard } from '../../src/cards/plan-list-card.ts';
import { questionCard } from '../../src/cards/question-card.ts';
import { button } from '../../src/cards/actions.ts';
import { pagerRow, resendLine } from '../../src/cards/paging.ts';
import { reminderCard } from '../../src/cards/reminder-card.ts';
import { listTemplates, type CardJson } from '../../src/cards/render.ts';
import { reviewCard } from '../../src/cards/review-card.ts';
import { reviewCardValues } from '../../src/features/review/buttons.ts';
import { summaryCard } from '../../src/cards/summary-card.ts';
import { welcomeCard } from '../../src/cards/welcome-card.ts';
import { classTimeline, packageDeviations } from '../../src/domain/execution.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';
import type { Finding } from '../../src/domain/rules.ts';
import { markdown, renderCard } from '../../web/sandbox/card-render.js';

const person = { openId: 'ou_sample01', name: '李明', role: 'declarant' as const, unitCode: '101001' };
const plan = { id: 7, number: '2028-007', version: 2, status: 'SUBMITTED' as const, submittedAt: new Date('2027-08-01T10:00:00+08:00'), data: { title: '业务能力提升培训班', scope: '市外' as const, mode: '线下' as const, headcount: 45, sessions: 1, days: 3, month: 10, budget: 36000, justification: '工作需要' } };
const finding: Finding = { rule: 'budget_code_registered', severity: 'hard', field: 'headcount', message: '市外培训每班次不超过60人', notice: '通知 二(二)二', suggestion: '请调整人数' };
const view = {
  classId: 3, classVersion: 1, planId: 9, planNumber: '2026-009', seq: 1, title: '业务培训班', unitName: '某局', start: '2026-10-12', end: '2026-10-14', status: 'active' as const,
  plan: plan.data, timeline: classTimeline({ start: '2026-10-12', end: '2026-10-14' }, new Map(), new WorkCalendar(), new Date('2026-09-25T10:00:00+08:00')), tentativeYears: [2027], records: {}, attachments: [{ fileName: '方案.pdf', size: 2048 }],
};
const pkg = {
  classId: 3, label: '2026-009 第1期', title: '业务培训班', unitName: '某局', start: '2026-10-12', end: '2026-10-14', due: '2026-09-29', dueTentative: true, tentativeYears: [2027], plan: plan.data,
  pkg: { mode: '线上', scope: '市外', institution: '某中心', location: '井冈山', headcount: 40, content: '课程', justification: '工作需要，只能5月外出' },
  flags: packageDeviations({ mode: '线下', scope: '市外', institution: '某中心' }, { mode: '线上', scope: '市外', institution: '某中心' }, [], { start: '2026-10-12', end: '2026-10-14' }),
  attachments: [], status: 'submitted' as const, version: 2, submittedAt: new Date('2026-09-20T10:00:00+08:00'), history: [],
};

/** One sample of every template, built by the same functions the bot uses. */
const SAMPLES: Record<string, CardJson[]> = {
  help: [helpCard({ person, unitName: '柳州市人力资源和社会保障局', entries: [{ word: '申报', summary: '开始申报', usage: '申报' }] })],
  welcome: [welcomeCard({ person: null, unitName: null, linkHint: '**请联系管理员**' }), welcomeCard({ person, unitName: '某局', linkHint: '', deadline: '2028年度培训计划申报截止：**2027年8月5日 23:59**' })],
  notice: [noticeCard({ title: '退回修改 · 2028-007', color: 'red', body: '审核意见：人数过多\n- 每期人数：不超过60人', buttons: [button('修改', { a: 'revise', plan: 7 }, 'primary_filled')], footer: '脚注' })],
  'plan-form': [planFormCard({ year: 2028, submit: { a: 'form_submit' }, units: [{ code: '101001', name: '某局', parentCode: null, staffCount: 100, contactName: null, contactMobile: null }, { code: '101002', name: '某中心', parentCode: '101001', staffCount: 20, contactName: null, contactMobile: null }], values: { title: '培训班', scope: '市外' }, errors: { headcount: '请填写每期人数' } })],
  'plan-list': [planListCard({ year: 2028, unitName: '某局', intro: '说明', list: 'my_plans', at: new Date('2027-08-01T10:00:00+08:00'), resend: '我的申报', page: { page: 2, pages: 3, total: 17, items: [{ number: '2028-007', status: 'SUBMITTED', data: plan.data, next: '等待初审', actions: { open: { a: 'plan', plan: 7, op: 'open' } }, withdraw: { a: 'plan', plan: 7, op: 'withdraw', v: 2 }, copy: { a: 'plan', plan: 7, op: 'copy' } }] }, actions: { declare: { a: 'declare' }, form: { a: 'form_open' }, lastYear: { a: 'last_year' }, noPlan: { a: 'no_plan', year: 2028, yes: false } } })],
  question: [questionCard({ label: '培训类别', progress: '第 3 项，共 16 项', question: '培训类别？', notes: null, choices: [{ label: '市内', value: { a: 'answer', plan: 7, field: 'scope', value: '市内' } }, { label: '市外', value: { a: 'answer', plan: 7, field: 'scope', value: '市外' } }] })],
  reminder: [reminderCard({ title: '培训计划申报提醒', subtitle: '8月2日 09:00', urgent: true, entries: [{ text: '**某局**：还没有提交', buttons: [button('去申报', { a: 'declare' }, 'primary_filled')] }], footer: '脚注' })],
  review: [
    reviewCard({ plan, unitName: '某局', stage: 'first', findings: [finding], otherPlans: ['2028-001《其他班》'], quota: '在编 150 人', values: reviewCardValues(plan) }),
    reviewCard({ plan: { ...plan, status: 'FIRST_APPROVED' }, unitName: '某局', stage: 'second', findings: [], otherPlans: [], quota: '—', values: reviewCardValues(plan) }),
    reviewCard({ plan, unitName: '某局', stage: 'first', findings: [], otherPlans: [], quota: '—', returnForm: { errors: ['请填写退回意见'] }, values: reviewCardValues(plan) }),
  ],
  summary: [summaryCard({ plan: { ...plan, status: 'DRAFT' }, unitName: '某局', findings: [finding], missing: [], actions: { submit: { a: 'summary', op: 'submit' }, justify: { a: 'summary', op: 'justify' }, save: { a: 'summary', op: 'save' }, cancel: { a: 'summary', op: 'cancel' }, editField: { a: 'edit_field', plan: 7 } } })],
  class: [classCard(view), classCard(view, { form: { step: 1, values: { mode: '线下' }, errors: { content: '请填写' } } }), classCard(view, { form: { step: 2, values: {}, errors: {} } }), newClassCard({ planId: 9, planNumber: '2026-009', title: '业务培训班', plan: plan.data, seq: 2, existing: ['- 第1期'], values: { start: '2026-10-12' }, errors: { end: '请选择结班日期' } })],
  'package-review': [packageReviewCard(pkg), packageReviewCard(pkg, { returnForm: { errors: [] } })],
  'execution-list': [executionListCard({ title: '执行情况', subtitle: '2026', color: 'blue', intro: '说明', plans: [{ text: '**2026-009**' }], pageLine: '第 1/2 页，共 9 个计划', classes: [{ id: 3, label: '2026-009 第1期' }], plansWithRoom: [{ id: 9, label: '2026-009' }], pager: pagerRow({ items: [], page: 1, pages: 2, total: 9 }, 'exec', new Date('2026-10-01T10:00:00+08:00')), footer: '脚注', resend: resendLine('执行') })],
};

function texts(card: unknown): { titles: string[]; buttons: string[] } {
  const titles: string[] = [];
  const buttons: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') buttons.push(String((o.text as { content: string }).content));
    Object.values(o).forEach(walk);
  };
  walk(card);
  titles.push(String(((card as { header?: { title?: { content?: string } } }).header?.title?.content) ?? ''));
  return { titles, buttons };
}

const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('the sandbox card renderer', () => {
  it('has a sample for every template the bot ships', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(listTemplates());
  });

  for (const [name, cards] of Object.entries(SAMPLES)) {
    it(`shows every part of the「${name}」cards`, () => {
      for (const card of cards) {
        const { html, unsupported } = renderCard(card);
        expect(unsupported).toEqual([]);
        const shown = decode(html.replace(/<[^>]+>/g, ' '));
        const { titles, buttons } = texts(card);
        for (const t of [...titles, ...buttons]) expect(shown).toContain(t);
        expect(shown).not.toMatch(/\*\*|<font|\{\{/); // markdown and placeholders rendered, not shown raw
      }
    });
  }

  it('keeps interactive values for the page: buttons, forms, date pickers, menus', () => {
    const { html } = renderCard(SAMPLES.class![1]);
    expect(html).toContain('data-action=');
    expect(html).toContain('<form class="form"');
    expect(html).toContain('name="content"');
    const date = renderCard(SAMPLES.class![2]).html;
    expect(date).toContain('type="date" data-kind="date" name="publishedOn"');
    expect(renderCard(SAMPLES['execution-list']![0]).html).toContain('data-select=');
  });

  it('shows a multi-select as Feishu does: a dropdown with a checkbox per option, the chosen ones named', () => {
    const { html } = renderCard({
      schema: '2.0',
      body: { elements: [{ tag: 'form', name: 'f', elements: [{ tag: 'multi_select_static', name: 'fields', required: true, placeholder: { tag: 'plain_text', content: '需要修改的项目' }, selected_values: ['month'], options: [{ text: { tag: 'plain_text', content: '每期人数' }, value: 'headcount' }, { text: { tag: 'plain_text', content: '计划月份' }, value: 'month' }] }] }] },
    });
    expect(html).toContain('<details class="multi" data-name="fields" data-placeholder="需要修改的项目" data-required><summary>计划月份</summary>');
    expect(html).toContain('<input type="checkbox" name="fields" value="headcount"> 每期人数');
    expect(html).toContain('<input type="checkbox" name="fields" value="month" checked> 计划月份');
    expect(html).not.toContain('multiple');
  });

  it('says so when a card has a component it cannot show, instead of dropping it', () => {
    const r = renderCard({ schema: '2.0', body: { elements: [{ tag: 'chart', chart_spec: {} }, { tag: 'markdown', content: '正文' }] } });
    expect(r.unsupported).toEqual(['chart']);
    expect(r.html).toContain('沙盒暂时不能显示的组件「chart」');
    expect(r.html).toContain('正文');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ["<font color='red'>红</font>", '<span class="c-red">红</span>'],
    ['**粗** 体', '<strong>粗</strong> 体'],
    ['&#42;&#42;不是粗体&#42;&#42;', '**不是粗体**'],
    ['[链接](javascript:alert(1))', '<a href="#"'],
    ['- 列表', '• 列表'],
  ])('markdown %j', (input, expected) => {
    expect(markdown(input)).toContain(expected);
  });
});
