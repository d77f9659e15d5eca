// The guided declaration as data: which fields are asked, in which order, when a field does not apply,
// which may be skipped, how people name fields ("人数", "月份"), and what each question says.
import type { PlanDraft, PlanFieldKey } from '../domain/plan.ts';
import { fieldDef, rangeOf, rangeText } from '../domain/plan.ts';
import { ruleHints } from '../domain/rule-hints.ts';

export const FLOW_VERSION = 1;

/** What the flow needs to know about the declarant. */
export type FlowContext = {
  /** The competent unit has second-tier units: ask which unit the class belongs to. */
  hasSecondTier: boolean;
};

export type FlowField = {
  key: PlanFieldKey;
  /** The field is asked at all (e.g. the unit only when there are second-tier units). */
  applies?: (draft: PlanDraft, ctx: FlowContext) => boolean;
  /** 「跳过」 is allowed. */
  optional?: (draft: PlanDraft) => boolean;
  /** The question, in plain Chinese; the example comes from the field definition. */
  question: (draft: PlanDraft) => string;
};

/** The flow's own words for each field; the hints of the rules about the field follow (see DECLARE_FIELDS). */
const QUESTIONS: readonly FlowField[] = [
  {
    key: 'budgetCode',
    applies: (_d, ctx) => ctx.hasSecondTier,
    question: () => '这个培训班属于哪个单位？本单位或二层单位都可以（点选下面的单位，或回复预算单位代码）。',
  },
  { key: 'title', question: () => `培训班名称是什么？${rangeText(rangeOf('title'))}。` },
  { key: 'scope', question: () => '培训类别：在柳州市内举办选「市内」，到柳州以外举办选「市外」。' },
  { key: 'mode', question: () => '培训方式：线下、线上，还是线上线下结合？' },
  { key: 'audience', question: () => '培训对象是哪些人？' },
  { key: 'headcount', question: () => '每期多少人？' },
  { key: 'sessions', question: () => '办几期？' },
  { key: 'days', question: () => `每期几天？（${rangeText(rangeOf('days'))}）` },
  { key: 'month', question: () => '计划在几月举办？' },
  {
    key: 'location',
    // An online class is held nowhere [DOMAIN.md "The declaration form"].
    optional: (d) => d.mode === '线上',
    question: (d) => (d.mode === '线上' ? '培训地点在哪里？全部线上授课的，回复「跳过」即可。' : d.scope === '市内' ? '培训地点在哪里？' : '培训地点在哪里？（城市和具体地点）'),
  },
  {
    key: 'institution',
    optional: (d) => d.scope !== '市外',
    question: (d) => (d.scope === '市外' ? '承办机构是哪家？' : '承办机构是哪家？本单位自行组织的可以回复「跳过」。'),
  },
  { key: 'budget', question: () => '经费预算多少元？（可以写 36000 或 3.6万）' },
  {
    key: 'jointUnits',
    optional: () => true,
    question: () => '是否与其他主管单位联合办班？有的请回复对方的单位名称或预算单位代码（多个用顿号分开），没有请回复「跳过」。',
  },
  { key: 'contactName', question: () => '这个培训班的联系人是谁？' },
  { key: 'contactPhone', question: () => '联系电话？座机请带区号，例如 0772-2825472，也可以填手机号。' },
  { key: 'remarks', optional: () => true, question: () => '还有需要备注的吗？没有请回复「跳过」。' },
];

/**
 * The fields asked, each question followed by the hints of the rules about its field that concern this
 * draft (每期多少人？市外培训每班次不超过 60 人。): a limit is told as its rule states it (domain/rules.ts).
 */
export const DECLARE_FIELDS: readonly FlowField[] = QUESTIONS.map((f) => ({
  ...f,
  question: (d: PlanDraft) => [f.question(d), ...ruleHints(f.key, d).map((h) => `${h}。`)].join(''),
}));

/** The justification is asked from the summary, when a soft rule needs it. */
export const JUSTIFICATION_QUESTION =
  '请填写情况说明：说明为什么需要这样安排（审核人员会看到），至少 5 个字。';

export function flowField(key: PlanFieldKey): FlowField | undefined {
  return DECLARE_FIELDS.find((f) => f.key === key);
}

export function appliesTo(f: FlowField, draft: PlanDraft, ctx: FlowContext): boolean {
  return f.applies ? f.applies(draft, ctx) : true;
}

/** Fields that are asked for this draft, in order. */
export function askedFields(draft: PlanDraft, ctx: FlowContext): FlowField[] {
  return DECLARE_FIELDS.filter((f) => appliesTo(f, draft, ctx));
}

export { FIELD_ALIASES, fieldByName } from '../domain/plan.ts';

export function labelOf(key: PlanFieldKey): string {
  return fieldDef(key).label;
}
