// 查看详情, the processing record an inspection reads: every submission, return, resubmission and decision,
// and every change of a field with its old and new value, by whom and through which channel, grouped by sitting.
import { describe, expect, it } from 'vitest';
import type { PlanEventRecord } from '../../src/ports/plans.ts';
import { recordLines, recordRows } from '../../src/model/plan-record.ts';

let id = 0;
const at = (hhmm: string, day = 3) => new Date(`2026-08-0${day}T${hhmm}:00+08:00`);
const ev = (over: Partial<PlanEventRecord> & Pick<PlanEventRecord, 'action' | 'at'>): PlanEventRecord => ({
  id: ++id, planId: 1, actor: 'ou_liming', fromStatus: null, toStatus: null, comment: null, changes: null, details: null, channel: 'chat', ...over,
});
const edit = (hhmm: string, changes: PlanEventRecord['changes'], over: Partial<PlanEventRecord> = {}) => ev({ action: 'edit', at: at(hhmm), changes, ...over });
const names: Record<string, string> = { ou_liming: '李明', ou_reviewer: '审核员甲' };
const lines = (events: PlanEventRecord[]) => recordLines(events, (a) => names[a] ?? a).join('\n').split('\n');

describe('the processing record', () => {
  it('a declaration by chat, a return, a revision by card and the resubmission, in full', () => {
    const events = [
      ev({ action: 'create', at: at('10:00') }),
      edit('10:01', { title: [null, '2027年度人社业务能力提升培训班'] }),
      edit('10:02', { scope: [null, '市内'] }),
      edit('10:03', { headcount: [null, 45] }),
      edit('10:05', { month: [null, 10] }),
      edit('10:06', { budget: [null, 160000] }),
      ev({ action: 'submit', at: at('10:08'), fromStatus: 'DRAFT', toStatus: 'SUBMITTED' }),
      ev({ action: 'return', at: at('15:00'), actor: 'ou_reviewer', channel: 'card', fromStatus: 'SUBMITTED', toStatus: 'RETURNED', comment: '经费偏高', details: { fields: [{ field: 'budget', note: '按标准核减' }] } }),
      edit('16:00', { budget: [160000, 150000] }, { channel: 'card' }),
      edit('16:01', { budget: [150000, 118000], month: [10, 9] }, { channel: 'card' }),
      ev({ action: 'submit', at: at('16:02'), fromStatus: 'RETURNED', toStatus: 'SUBMITTED' }),
    ];
    expect(lines(events)).toEqual([
      '8月3日 10:00　李明 创建草稿（对话）',
      '8月3日 10:01–10:06　李明 填写 5 项（对话）',
      '　培训班名称：2027年度人社业务能力提升培训班',
      '　培训类别：市内',
      '　每期人数：45人',
      '　计划月份：10月',
      '　经费预算（元）：160,000.00元',
      '8月3日 10:08　李明 **提交**（已提交，待初审）（对话）',
      '8月3日 15:00　审核员甲 **退回修改**（已退回修改）（卡片）',
      '　意见：经费偏高',
      '　需修改：经费预算（元）（按标准核减）',
      '8月3日 16:00–16:01　李明 修改 3 项（卡片）',
      '　经费预算（元）：160,000.00元 → 150,000.00元',
      '　经费预算（元）：150,000.00元 → 118,000.00元',
      '　计划月份：10月 → 9月',
      '8月3日 16:02　李明 **重新提交**（已提交，待初审）（对话）',
    ]);
  });

  it.each([
    ['another channel', [edit('10:00', { headcount: [null, 45] }), edit('10:01', { days: [null, 3] }, { channel: 'excel' })], 2],
    ['another person', [edit('10:00', { headcount: [null, 45] }), edit('10:01', { days: [null, 3] }, { actor: 'ou_wangfang' })], 2],
    ['more than half an hour later', [edit('10:00', { headcount: [null, 45] }), edit('10:31', { days: [null, 3] })], 2],
    ['within half an hour', [edit('10:00', { headcount: [null, 45] }), edit('10:30', { days: [null, 3] })], 1],
    ['a decision in between', [edit('10:00', { headcount: [null, 45] }), ev({ action: 'withdraw', at: at('10:01') }), edit('10:02', { days: [null, 3] })], 3],
  ])('a new entry for %s', (_name, events, entries) => {
    expect(recordLines(events, (a) => a)).toHaveLength(entries);
  });

  it('a draft made from a form starts with its values', () => {
    const events = [ev({ action: 'create', at: at('10:00'), channel: 'card', changes: { title: [null, '财务培训班'], headcount: [null, 40], budgetCode: [null, null] } })];
    expect(lines(events)).toEqual(['8月3日 10:00　李明 创建草稿，填写 2 项（卡片）', '　培训班名称：财务培训班', '　每期人数：40人']);
  });

  it('a sitting across midnight names both days; mixed filling and changing says so', () => {
    const events = [ev({ action: 'edit', at: at('23:50'), changes: { headcount: [null, 45] } }), ev({ action: 'edit', at: new Date('2026-08-04T00:10:00+08:00'), changes: { headcount: [45, 40] } })];
    expect(lines(events)[0]).toBe('8月3日 23:50–8月4日 00:10　李明 填写、修改 2 项（对话）');
  });

  it('what a person typed cannot break the card\'s markdown', () => {
    expect(lines([edit('10:00', { title: [null, '**培训**<at id=all></at>'] })])[1]).toBe('　培训班名称：&#42;&#42;培训&#42;&#42;&#60;at id=all&#62;&#60;/at&#62;');
  });

  it('the same record as the export\'s rows: one per change, one per decision', () => {
    const events = [
      ev({ action: 'create', at: at('10:00'), channel: 'excel', changes: { title: [null, '财务培训班'], budget: [null, 160000] } }),
      ev({ action: 'submit', at: at('10:05'), fromStatus: 'DRAFT', toStatus: 'SUBMITTED' }),
      ev({ action: 'return', at: at('15:00'), actor: 'ou_reviewer', channel: 'card', fromStatus: 'SUBMITTED', toStatus: 'RETURNED', comment: '经费偏高', details: { fields: [{ field: 'budget', note: null }] } }),
      edit('16:00', { budget: [160000, 118000] }, { channel: 'card' }),
      ev({ action: 'submit', at: at('16:02'), fromStatus: 'RETURNED', toStatus: 'SUBMITTED' }),
    ];
    const rows = recordRows('2027-001', events, (a) => names[a] ?? a).map((r) => [r.at, r.actor, r.action, r.field, r.from, r.to, r.comment, r.channel].join('|'));
    expect(rows).toEqual([
      '2026年8月3日 10:00|李明|创建草稿|培训班名称||财务培训班||Excel',
      '2026年8月3日 10:00|李明|创建草稿|经费预算（元）||160,000.00元||Excel',
      '2026年8月3日 10:05|李明|提交||草稿|已提交，待初审||对话',
      '2026年8月3日 15:00|审核员甲|退回修改|需修改：经费预算（元）|已提交，待初审|已退回修改|经费偏高|卡片',
      '2026年8月3日 16:00|李明|修改|经费预算（元）|160,000.00元|118,000.00元||卡片',
      '2026年8月3日 16:02|李明|重新提交||已退回修改|已提交，待初审||对话',
    ]);
  });
});
