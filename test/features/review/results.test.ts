// The review use cases' tagged results, case by case: what each outcome of a click says, which approval
// results are refused and why, when 复审 may start, and how the results sheet is read.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import { parseApprovalRows } from '../../../src/features/review/approval-sheet.ts';
import { recordApprovals } from '../../../src/features/review/approval.ts';
import { onReviewClick } from '../../../src/features/review/decide.ts';
import { reviewClickAnswer } from '../../../src/features/review/replies/decisions.ts';
import { notYetText } from '../../../src/features/review/replies/second.ts';
import { secondReviewNotYet } from '../../../src/features/review/second.ts';
import type { ReviewClickResult } from '../../../src/features/review/types.ts';
import { createLogger } from '../../../src/logger.ts';
import type { World } from '../../support/converse.ts';
import { HRSS, REVIEWER_A, reviewWorld, submitted } from './helpers.ts';

const plan = { id: 7, number: '2027-007', version: 2, status: 'SUBMITTED', data: { title: '培训班' }, unitCode: '101001' } as PlanRecord;
const card = { schema: '2.0' };
const at = new Date('2026-08-03T10:05:00+08:00');

describe('what a click on a review card answers', () => {
  const cases: [string, ReviewClickResult, object][] = [
    ['the plan is gone', { status: 'not_found' }, { toast: { type: 'error', content: '找不到这个计划' } }],
    ['the reviewer is linked to the unit', { status: 'refused', reason: 'own_unit', unitName: '柳州市财政局' }, { toast: { type: 'error', content: '您关联了柳州市财政局，不能审核本单位的计划，请由其他审核人员决定' } }],
    [
      'someone decided first',
      { status: 'stale', last: { action: 'return', by: '审核员乙', at }, expired: true, message: '', card },
      { toast: { type: 'warning', content: '已由 审核员乙 于 2026年8月3日 10:05 退回修改，这张卡片已过期' }, card },
    ],
    [
      'the unit submitted it again',
      { status: 'stale', last: { action: 'submit', by: '李明', at }, expired: true, message: '', card },
      { toast: { type: 'warning', content: '已由 李明 于 2026年8月3日 10:05 重新提交，这张卡片已过期' }, card },
    ],
    ['the plan moved on with no decision recorded (the model\'s message ends with a stop: it comes last)', { status: 'stale', last: null, expired: true, message: '这个计划刚刚被别人（或另一个窗口）修改过。请重新打开计划查看最新内容后再操作。', card }, { toast: { type: 'warning', content: '这张卡片已过期，这个计划刚刚被别人（或另一个窗口）修改过。请重新打开计划查看最新内容后再操作。' }, card }],
    ['the plan moved on with no decision recorded', { status: 'stale', last: null, expired: true, message: '计划已被修改，请刷新后重试', card }, { toast: { type: 'warning', content: '这张卡片已过期，计划已被修改，请刷新后重试' }, card }],
    ['another refusal of the plan model', { status: 'stale', last: null, expired: false, message: '还有 2 项没有填好', card }, { toast: { type: 'warning', content: '还有 2 项没有填好' }, card }],
    ['初审通过', { status: 'done', action: 'approve_first', card }, { toast: { type: 'success', content: '初审通过' }, card }],
    ['复审不通过', { status: 'done', action: 'reject_second', card }, { toast: { type: 'success', content: '复审不通过' }, card }],
    ['the return form opened', { status: 'form', errors: [], card }, { toast: { type: 'info', content: '请填写退回意见' }, card }],
    ['the return form sent incomplete', { status: 'form', errors: ['请填写退回意见', '请选择需要修改的项目'], card }, { toast: { type: 'error', content: '请填写退回意见' }, card }],
    ['返回', { status: 'back', card }, { toast: { type: 'info', content: '已返回' }, card }],
    ['查看详情', { status: 'detail', timeline: { plan, unitName: '某局', events: [], nameOf: (a) => a } }, { toast: { type: 'success', content: '已发送详情和处理记录' } }],
  ];
  for (const [name, result, answer] of cases) it(name, () => expect(reviewClickAnswer(result)).toEqual(answer));
});

describe('why 复审 and 报批 wait', () => {
  const closes = new Date('2026-08-10T23:59:59+08:00');
  it.each([
    [{ year: 2027, what: 'second', reviseClosesAt: closes, waiting: 3 }, '2027年度的复审在申报系统关闭后进行：修改截止是 2026年8月10日 23:59，之后发送「复审」。现在有 3 个计划已提交或初审通过，初审请发送「待审」。'],
    [{ year: 2027, what: 'approval', reviseClosesAt: closes, waiting: 0 }, '2027年度的报批在申报系统关闭后进行：修改截止是 2026年8月10日 23:59，之后发送「报批」。'],
  ] as const)('%o', (n, text) => expect(notYetText(n)).toBe(text));
});

describe('the review use cases on a world', () => {
  let w: World;
  afterEach(() => w?.lintSentCards());

  it('复审 waits until the revision window closes, then may start', async () => {
    w = await reviewWorld();
    await submitted(w, HRSS);
    const cases: [string, boolean][] = [
      ['2026-08-03T10:00:00', true],
      ['2026-08-10T23:59:00', true],
      ['2026-08-11T00:00:00', false],
      ['2026-09-01T09:00:00', false],
    ];
    for (const [when, waits] of cases) {
      w.clock.set(new Date(`${when}+08:00`));
      const notYet = await secondReviewNotYet(w.app.ports, 2027);
      expect(notYet, when).toEqual(waits ? { year: 2027, what: 'second', reviseClosesAt: expect.any(Date), waiting: 1 } : null);
    }
  });

  it('a click on a plan that does not exist, or by a reviewer of its own unit, decides nothing', async () => {
    w = await reviewWorld({ people: [{ openId: HRSS, name: '李明', unitCode: '101001' }, { openId: REVIEWER_A, name: '审核员甲', reviewer: true, unitCode: '101001' }] });
    const number = await submitted(w, HRSS);
    const p = (await w.stores.plans.byNumber(number))!;
    const reviewer = (await w.stores.people.find(REVIEWER_A))!;
    const click = (planId: number, op: 'approve' | 'return' | 'approve2' | 'reject2') => onReviewClick(w.app.ports, { planId, version: p.version, op, reviewer, log: createLogger('silent') });
    expect(await click(9999, 'approve')).toEqual({ status: 'not_found' });
    for (const op of ['approve', 'return', 'approve2', 'reject2'] as const) expect(await click(p.id, op), op).toEqual({ status: 'refused', reason: 'own_unit', unitName: '柳州市人力资源和社会保障局' });
    expect((await w.stores.plans.get(p.id))!.status).toBe('SUBMITTED');
  });

  it('审批 records nothing unless every plan waits for approval, and says why', async () => {
    w = await reviewWorld();
    const number = await submitted(w, HRSS);
    const actor = { openId: REVIEWER_A, channel: 'chat' as const };
    expect(await recordApprovals(w.app.ports, [{ number: '2027-999', approved: true, comment: null }], actor)).toEqual({ recorded: 0, problems: [{ number: '2027-999', reason: 'not_found' }] });
    expect(await recordApprovals(w.app.ports, [{ number, approved: true, comment: null }], actor)).toEqual({ recorded: 0, problems: [{ number, reason: 'not_waiting' }] });
    const rv = w.as(REVIEWER_A);
    expect(await rv.say('审批 2027-999 通过')).toEqual(['没有编号为 2027-999 的计划']);
    expect(await rv.say(`审批 ${number} 不通过 经费超标`)).toEqual([`${number} 当前不是「已报批」状态，不能登记审批结果`]);
    expect(await rv.say('审批 通过')).toEqual(['格式：审批 计划编号 通过｜不通过 [理由]，例如：审批 2027-001 不通过 经费超标']);
  });
});

describe('the approval results sheet (approval:import)', () => {
  it.each([
    [{ number: '2027-001', result: '通过' }, { ok: true, results: [{ number: '2027-001', approved: true, comment: null }] }],
    [{ number: ' 2027-002 ', result: '不 通 过', comment: ' 经费超标 ' }, { ok: true, results: [{ number: '2027-002', approved: false, comment: '经费超标' }] }],
    [{ number: '2027-003', result: '√' }, { ok: true, results: [{ number: '2027-003', approved: true, comment: null }] }],
    [{ number: '2027-004', result: '否' }, { ok: true, results: [{ number: '2027-004', approved: false, comment: null }] }],
    [{ number: '27-1', result: '通过' }, { ok: false, problems: [{ row: 2, column: '计划编号', message: '「27-1」不是计划编号，例如 2027-001' }] }],
    [{ number: '2027-005', result: '待定' }, { ok: false, problems: [{ row: 2, column: '审批结果', message: '「待定」应为「通过」或「不通过」' }] }],
  ])('%o', (values, expected) => expect(parseApprovalRows([{ row: 2, values }])).toEqual(expected));
});
