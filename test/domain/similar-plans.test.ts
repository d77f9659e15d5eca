// Similar plans of different units [seed 二(二)四, 二(二)五]: pairs that should and should not match, and why.
import { describe, expect, it } from 'vitest';
import { compare, similarLine, similarPairs, similarPlans, topicCore, type ComparablePlan } from '../../src/domain/similar-plans.ts';

let id = 0;
const plan = (unitCode: string, title: string, o: Partial<ComparablePlan> = {}): ComparablePlan => ({
  id: ++id, number: `2027-${String(id).padStart(3, '0')}`, unitCode, unitName: { '102001': '柳州市财政局', '101001': '柳州市人力资源和社会保障局', '103001': '柳州市教育局' }[unitCode] ?? unitCode, title, scope: '市内', ...o,
});

describe('similar plans', () => {
  it.each([
    ['预算绩效管理培训班', '预算绩效培训班', '预算绩效'],
    ['2027年度党务干部培训班', '党务工作培训', '党务'],
    ['财务业务培训班', '财务人员能力提升培训', '财务'],
    ['安全生产执法培训班', '安全生产培训', '安全生产'],
    ['《公文写作》专题研修班', '公文写作能力提升培训班', '公文写作'],
    ['网络安全知识培训', '网络安全培训班', '网络安全'],
  ])('%s ~ %s (都有「%s」)', (a, b, words) => {
    expect(compare(plan('102001', a), plan('101001', b))).toEqual({ titleWords: words, audienceWords: null });
  });

  it.each([
    ['a different topic sharing a word', '安全生产培训班', '消防安全培训班'],
    ['only generic words in common', '业务能力提升培训班', '综合素质提升培训班'],
    ['a topic word of two characters in a long topic', '乡村振兴产业发展培训', '产业工人技能培训'],
    ['the same unit', '预算绩效培训班', '预算绩效培训班', { sameUnit: true }],
    ['市内 and 市外', '预算绩效培训班', '预算绩效培训班', { scope: '市外' }],
    ['audiences that do not overlap', '安全生产培训班', '安全生产培训', { audiences: ['全市中小学教师', '危化品企业负责人'] }],
  ] as const)('not similar: %s', (_name, a, b, o: { sameUnit?: boolean; scope?: string; audiences?: readonly string[] } = {}) => {
    const x = plan('102001', a, { audience: o.audiences?.[0] });
    const y = plan(o.sameUnit ? '102001' : '101001', b, { scope: o.scope ?? '市内', audience: o.audiences?.[1] });
    expect(compare(x, y)).toBeNull();
  });

  it('overlapping audiences are named; an audience for everyone overlaps any', () => {
    expect(compare(plan('102001', '预算绩效培训', { audience: '全市财务人员' }), plan('101001', '预算绩效管理培训班', { audience: '本系统财务人员' }))).toEqual({ titleWords: '预算绩效', audienceWords: '财务' });
    expect(compare(plan('102001', '预算绩效培训', { audience: '全体干部职工' }), plan('101001', '预算绩效管理培训班', { audience: '本系统财务人员' }))).toEqual({ titleWords: '预算绩效', audienceWords: null });
  });

  it('the sentence a declarant reads, and the closest first', () => {
    const mine = plan('103001', '预算绩效管理培训班', { month: 9 });
    const others = [plan('101001', '财务培训班', { month: 3 }), plan('102001', '预算绩效培训班', { month: 9 })];
    const found = similarPlans(mine, others);
    expect(found.map((s) => s.plan.unitCode)).toEqual(['102001']);
    expect(similarLine(found[0]!)).toBe(`柳州市财政局也计划在9月办「预算绩效培训班」（${others[1]!.number}，都有「预算绩效」）`);
  });

  it('every pair of a year once', () => {
    const plans = [plan('101001', '预算绩效培训'), plan('102001', '预算绩效管理培训班'), plan('103001', '预算绩效知识培训'), plan('103001', '教师信息化培训')];
    const pairs = similarPairs(plans);
    expect(pairs).toHaveLength(3);
    expect(pairs.every((p) => p.a.unitCode !== p.b.unitCode)).toBe(true);
  });

  it.each([
    ['2027年度人社业务能力提升培训班', '人社'],
    ['预算绩效管理培训班', '预算绩效管理'],
    ['全市安全生产专题研修班', '安全生产'],
  ])('topic of %s: %s', (title, core) => {
    expect(topicCore(title).replace(/ /g, '')).toBe(core);
  });
});
