import { describe, expect, it } from 'vitest';
import type { PlanDraft, PlanFieldKey } from '../../src/domain/plan.ts';
import { flowField } from '../../src/flows/declare-flow.ts';

// Each question is the flow's own words and the hints of the rules about its field that concern the draft:
// the limits come from domain/rules.ts and the field definitions, never restated here.
describe('the questions of the guided declaration', () => {
  it.each([
    ['title', {}, '培训班名称是什么？4–60 个字。'],
    ['headcount', { scope: '市外' }, '每期多少人？市外培训每班次不超过 60 人。'],
    ['headcount', { scope: '市内' }, '每期多少人？市内培训原则上每班次不少于 30 人。'],
    ['headcount', {}, '每期多少人？'],
    ['days', {}, '每期几天？（1–30 天）'],
    ['month', { scope: '市外' }, '计划在几月举办？市外培训原则上不安排在 5-6 月和 11-12 月。'],
    ['month', { scope: '市内' }, '计划在几月举办？'],
    ['location', { scope: '市内', mode: '线下' }, '培训地点在哪里？市内培训须写明柳州市的区县。'],
    ['location', { scope: '市外', mode: '线下' }, '培训地点在哪里？（城市和具体地点）'],
    ['location', { scope: '市内', mode: '线上' }, '培训地点在哪里？全部线上授课的，回复「跳过」即可。'],
    ['institution', { scope: '市外' }, '承办机构是哪家？市外培训原则上选择柳州市干部教育培训基地名单内的承办机构。'],
    ['institution', { scope: '市内' }, '承办机构是哪家？本单位自行组织的可以回复「跳过」。'],
  ] as const)('%s for %j: %s', (key, draft, question) => {
    expect(flowField(key as PlanFieldKey)!.question(draft as PlanDraft)).toBe(question);
  });
});
