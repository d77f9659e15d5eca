// The declaration conversation as transcripts against the pure engine: what the person says, what the
// engine asks next, and what ends up on the draft.
import { describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../src/domain/plan.ts';
import type { RuleContext } from '../../src/domain/rules.ts';
import type { Unit } from '../../src/domain/units.ts';
import { parseRepair, startState, step, type DeclareState, type EngineContext, type Outcome } from '../../src/flows/declare-engine.ts';

const HRSS: Unit = { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null };
const rules: RuleContext = {
  planYear: 2027,
  competent: HRSS,
  units: [HRSS],
  bases: [{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }],
  outOfCityByYear: new Map(),
};
const ctx: EngineContext = { hasSecondTier: false, rules };

/** Runs a conversation: each line is what the person types; returns every outcome and the final draft. */
function converse(lines: string[], start: PlanDraft = { budgetCode: '101001', unitName: HRSS.name }) {
  let draft: PlanDraft = { ...start };
  let state: DeclareState = startState(1, draft, ctx);
  const outcomes: Outcome[] = [];
  for (const text of lines) {
    const r = step(state, draft, { kind: 'text', text }, ctx);
    state = r.state;
    draft = { ...draft, ...r.changes };
    outcomes.push(r.outcome);
  }
  return { outcomes, draft, state, last: outcomes.at(-1)! };
}

const CLEAN = ['2027年度人社业务能力提升培训班', '市内', '线下', '业务科室工作人员', '45人', '1', '3天', '10月', '柳州市城中区市委党校', '跳过', '3.6万', '跳过', '李明', '0772-2825472', '跳过'];

const asked = (o: Outcome) => (o.status === 'ask' || o.status === 'retry' ? `${o.status}:${o.field}` : o.status);

describe('a clean declaration', () => {
  it('asks each field once, in order, and ends on the summary with a complete draft', () => {
    const { outcomes, draft } = converse(CLEAN);
    expect(outcomes.map(asked)).toEqual([
      'ask:scope', 'ask:mode', 'ask:audience', 'ask:headcount', 'ask:sessions', 'ask:days', 'ask:month', 'ask:location', 'ask:institution',
      'ask:budget', 'ask:jointUnits', 'ask:contactName', 'ask:contactPhone', 'ask:remarks', 'summary',
    ]);
    expect(draft).toMatchObject({ headcount: 45, days: 3, month: 10, budget: 36000, institution: null, jointUnits: [], remarks: null });
  });

  it('starts with the unit when the competent unit has second-tier units', () => {
    expect(startState(1, {}, { ...ctx, hasSecondTier: true }).step).toBe('budgetCode');
    expect(startState(1, { budgetCode: '101001' }, ctx).step).toBe('title');
  });

  it('a draft copied from last year with everything filled goes straight to the summary', () => {
    const { draft } = converse(CLEAN);
    expect(startState(2, draft, ctx).step).toBe('summary');
  });
});

describe('wrong answers are asked again with the reason and an example', () => {
  it.each([
    ['title', ['培训'], '培训班名称太短'],
    ['scope', ['某班名称足够长', '区内'], '培训类别只能是「市内」「市外」之一'],
    ['headcount', [...CLEAN.slice(0, 4), '很多人'], '每期人数应为整数'],
    ['days', [...CLEAN.slice(0, 6), '31'], '每期天数应在 1 到 30 之间'],
    ['month', [...CLEAN.slice(0, 7), '十三月'], '计划月份应为 1 到 12 的月份'],
    ['location', [...CLEAN.slice(0, 8), '桂林市七星区'], '培训地点「桂林市七星区」在桂林市，不在柳州市行政区域内'],
    ['budget', [...CLEAN.slice(0, 10), '很多钱'], '经费预算应为不小于 0 的金额'],
    ['contactPhone', [...CLEAN.slice(0, 13), '12345'], '不是有效的电话号码'],
  ])('%s', (field, lines, message) => {
    const { last } = converse(lines);
    expect(last).toMatchObject({ status: 'retry', field });
    expect(last.status === 'retry' && last.error).toContain(message);
  });

  it('an out-of-city class over 60 people is refused with the notice\'s rule and a fix', () => {
    const { last, draft } = converse(['2027年度赴井冈山学习培训班', '市外', '线下', '科级干部', '70']);
    expect(last).toMatchObject({ status: 'retry', field: 'headcount', error: '市外培训每期 70 人，超过 60 人' });
    expect(last.status === 'retry' && last.suggestion).toContain('可分两期各 35 人');
    expect(draft.headcount).toBeUndefined();
  });

  it('a soft rule is accepted with a warning (a justification will be needed)', () => {
    const { last, draft } = converse(['2027年度赴井冈山学习培训班', '市外', '线下', '科级干部', '40', '1', '5', '5月']);
    expect(last).toMatchObject({ status: 'ask', field: 'location', warnings: [expect.objectContaining({ rule: 'out_of_city_month', severity: 'soft' })] });
    expect(draft.month).toBe(5);
  });

  it('a required field cannot be skipped', () => {
    expect(converse(['跳过']).last).toMatchObject({ status: 'retry', field: 'title', error: '「培训班名称」必须填写，不能跳过' });
  });
});

describe('repair', () => {
  it('上一步 goes back one question and then forward again', () => {
    const { outcomes, draft } = converse([...CLEAN.slice(0, 5), '上一步', '50', '2']);
    expect(outcomes.slice(4).map(asked)).toEqual(['ask:sessions', 'ask:headcount', 'ask:sessions', 'ask:days']);
    expect(draft).toMatchObject({ headcount: 50, sessions: 2 });
  });

  it('修改 <字段> jumps there and comes straight back', () => {
    // seven answers in: the month is being asked
    const { outcomes, draft } = converse([...CLEAN.slice(0, 7), '修改 人数', '40']);
    expect(outcomes.slice(-2).map(asked)).toEqual(['ask:headcount', 'ask:month']);
    expect(draft.headcount).toBe(40);
  });

  it('from the summary, 修改 goes to the field and back to the summary', () => {
    const { outcomes, draft } = converse([...CLEAN, '修改 月份', '9月']);
    expect(outcomes.slice(-2).map(asked)).toEqual(['ask:month', 'summary']);
    expect(draft.month).toBe(9);
  });

  it('understands an answer meant for another field: 人数改成40', () => {
    const { last, draft } = converse([...CLEAN.slice(0, 7), '人数改成40']);
    expect(last).toMatchObject({ status: 'ask', field: 'month', note: '已把「每期人数」改为：40人。' });
    expect(draft.headcount).toBe(40);
  });

  it.each([
    ['月份改成5', '已把「计划月份」改为：5月。', 'month', 5],
    ['预算改成4.8万', '改为：48,000.00元。', 'budget', 48000],
    ['天数改为2', '改为：2天。', 'days', 2],
  ])('says the value as the summary shows it: %s', (text, note, field, value) => {
    const { last, draft } = converse([...CLEAN.slice(0, 4), text]);
    expect(last.status === 'ask' && last.note).toContain(note);
    expect(draft[field as 'month' | 'budget' | 'days']).toBe(value);
  });

  it('checks such an answer too', () => {
    const { last } = converse([...CLEAN.slice(0, 7), '月份改成十五月']);
    expect(last).toMatchObject({ status: 'retry', field: 'month' });
  });

  it('取消 asks for confirmation; anything but yes carries on', () => {
    const carryOn = converse(['2027年度人社业务培训班', '取消', '不']);
    expect(carryOn.outcomes.map(asked)).toEqual(['ask:scope', 'confirm', 'ask:scope']);
    const cancelled = converse(['2027年度人社业务培训班', '取消', '确认']);
    expect(cancelled.last).toEqual({ status: 'cancelled' });
  });

  it('帮助 answers without losing the place', () => {
    const { outcomes } = converse(['2027年度人社业务培训班', '帮助', '市内']);
    expect(outcomes.map(asked)).toEqual(['ask:scope', 'help', 'ask:mode']);
  });

  it('at the summary, 提交 and 保存草稿 are handed to the caller', () => {
    expect(converse([...CLEAN, '提交']).last).toEqual({ status: 'command', command: 'submit' });
    expect(converse([...CLEAN, '保存草稿']).last).toEqual({ status: 'command', command: 'save' });
  });

  it('a button for a choice answers that field', () => {
    const draft: PlanDraft = { budgetCode: '101001', title: '2027年度人社业务培训班' };
    const state = startState(1, draft, ctx);
    const r = step(state, draft, { kind: 'choice', field: 'scope', value: '市外' }, ctx);
    expect(r.changes).toEqual({ scope: '市外' });
    expect(r.outcome).toMatchObject({ status: 'ask', field: 'mode' });
  });

  it.each([
    ['修改 人数', { field: 'headcount' }],
    ['改月份', { field: 'month' }],
    ['人数改成40', { field: 'headcount', value: '40' }],
    ['月份：10月', { field: 'month', value: '10月' }],
    ['情况说明：承担全国会议保障任务', { field: 'justification', value: '承担全国会议保障任务' }],
    ['什么是好干部专题培训班', null],
    ['柳州市城中区：市委党校', null],
  ])('parseRepair(%j)', (text, expected) => {
    expect(parseRepair(text)).toEqual(expected);
  });
});

describe('the venue of an in-city class [seed 二(二)四]', () => {
  const toLocation = CLEAN.slice(0, 8);
  it('a venue that names no district is asked about, and a bare district completes it', () => {
    const { outcomes, draft } = converse([...toLocation, '市委党校', '城中区']);
    expect(outcomes.at(-2)).toMatchObject({ status: 'retry', field: 'location', question: '「市委党校」在柳州市哪个区县？请写明，例如「柳州市城中区……」', rule: 'in_city_place_named' });
    expect(outcomes.at(-1)).toMatchObject({ status: 'ask', field: 'institution' });
    expect(draft.location).toBe('柳州市城中区市委党校');
  });

  it('typed out of turn (地点改成市委党校), it is asked about at once, then the conversation comes back', () => {
    const { outcomes, draft } = converse([...CLEAN.slice(0, 10), '地点改成市委党校', '鱼峰区']);
    expect(outcomes.slice(-2).map(asked)).toEqual(['retry:location', 'ask:budget']);
    expect(draft.location).toBe('柳州市鱼峰区市委党校');
  });

  it('a full answer to that question is taken as typed', () => {
    expect(converse([...toLocation, '市委党校', '柳州市鱼峰区文笔路市委党校']).draft.location).toBe('柳州市鱼峰区文笔路市委党校');
  });

  it('a venue outside Liuzhou is refused, says it must be inside and suggests 市外', () => {
    const { last, draft } = converse([...toLocation, '南宁市青秀区柳州大厦']);
    expect(last).toMatchObject({ status: 'retry', field: 'location', error: '培训地点「南宁市青秀区柳州大厦」在南宁市，不在柳州市行政区域内', notice: '市内培训项目须在本市行政区域内举办〔二(二)四〕' });
    expect(last.status === 'retry' && last.suggestion).toContain('请把培训类别改为「市外」');
    expect(draft.location).toBeUndefined();
  });

  it('then 类别改成市外 keeps the venue typed and asks for the institution', () => {
    const { last, draft } = converse([...toLocation, '南宁市青秀区柳州大厦', '类别改成市外']);
    expect(draft).toMatchObject({ scope: '市外', location: '南宁市青秀区柳州大厦' });
    expect(last).toMatchObject({ status: 'ask', field: 'institution' });
    expect(last.status === 'ask' && last.note).toContain('已把「培训地点」记为：南宁市青秀区柳州大厦。');
  });

  it('an online class may skip the venue', () => {
    const { outcomes, draft } = converse(['2027年度网络安全在线培训班', '市内', '线上', '全体干部', '200', '1', '1', '10月', '跳过']);
    expect(outcomes.at(-1)).toMatchObject({ status: 'ask', field: 'institution' });
    expect(draft.location).toBeNull();
  });

  it('an offline class may not', () => {
    expect(converse([...toLocation, '跳过']).last).toMatchObject({ status: 'retry', field: 'location', error: '「培训地点」必须填写，不能跳过' });
  });
});

describe('switching the scope asks again for the venue and the institution', () => {
  it.each([
    // how the switch is made, what is asked next, then where it comes back to
    ['修改 类别 at the summary', [...CLEAN, '修改 类别', '市外'], ['ask:location', 'ask:institution', 'summary']],
    ['类别改成市外 at the summary', [...CLEAN, '类别改成市外'], ['ask:location', 'ask:institution', 'summary']],
    ['类别改成市外 while the budget is asked', [...CLEAN.slice(0, 10), '类别改成市外'], ['ask:location', 'ask:institution', 'ask:budget']],
  ])('%s', (_how, lines, next) => {
    const first = converse(lines);
    expect(first.last).toMatchObject({ status: 'ask', field: 'location' });
    expect(first.last.status === 'ask' && first.last.note).toBe('培训类别改为「市外」，请重新填写培训地点（原来是「柳州市城中区市委党校」）、承办机构（原来是「（无）」）。');
    const { outcomes, draft } = converse([...lines, '江西省井冈山市', '中国井冈山干部学院']);
    expect(outcomes.slice(-3).map(asked)).toEqual(next);
    expect(draft).toMatchObject({ scope: '市外', location: '江西省井冈山市', institution: '中国井冈山干部学院' });
  });

  it('back from 市外 to 市内: the venue outside Liuzhou is asked again, the institution may be skipped', () => {
    const outCity = ['2027年度赴井冈山学习培训班', '市外', '线下', '科级干部', '40', '1', '5', '9月', '江西省井冈山市', '中国井冈山干部学院', '6万', '跳过', '李明', '0772-2825472', '跳过'];
    const { outcomes, draft } = converse([...outCity, '类别改成市内', '柳州市柳北区', '跳过']);
    expect(outcomes.slice(-3).map(asked)).toEqual(['ask:location', 'ask:institution', 'summary']);
    expect(draft).toMatchObject({ scope: '市内', location: '柳州市柳北区', institution: null });
  });

  it('the same scope again asks nothing more', () => {
    expect(converse([...CLEAN, '类别改成市内']).last).toMatchObject({ status: 'summary' });
  });

  it('an online class made offline is asked for its venue', () => {
    const online = ['2027年度网络安全在线培训班', '市内', '线上', '全体干部', '200', '1', '1', '10月', '跳过', '跳过', '1万', '跳过', '李明', '0772-2825472', '跳过'];
    const { last } = converse([...online, '方式改成线下']);
    expect(last).toMatchObject({ status: 'ask', field: 'location', note: '培训方式改为「线下」，请重新填写培训地点（原来是「（无）」）。' });
  });
});
