// The declaration's buttons: the zod schema of each callback value its routes accept, and builders for the
// values its cards carry. Values hold ids and the plan version the card showed, never anything the handler
// would trust about the person (the route takes the unit from the person who clicks).
import { z } from 'zod';
import type { PlanFieldKey } from '../../domain/plan.ts';

const planId = z.number().int().positive();
const version = z.number().int().positive();
const pageNo = z.number().int().min(1).max(1000);
const fieldKey = z.enum([
  'budgetCode',
  'unitName',
  'title',
  'scope',
  'mode',
  'audience',
  'headcount',
  'sessions',
  'days',
  'month',
  'location',
  'institution',
  'budget',
  'jointUnits',
  'contactName',
  'contactPhone',
  'remarks',
  'justification',
]) satisfies z.ZodType<PlanFieldKey>;

/** Start (or resume) a declaration by chat. */
export const declareValue = z.object({ a: z.literal('declare') }).strict();
/** Open the one-card form. */
export const formOpenValue = z.object({ a: z.literal('form_open') }).strict();
/** A choice button of a question card: answers that field of that plan. */
export const answerValue = z.object({ a: z.literal('answer'), plan: planId, field: fieldKey, value: z.string().max(100) }).strict();
/** The summary card's buttons. */
export const summaryValue = z.object({ a: z.literal('summary'), plan: planId, v: version, op: z.enum(['submit', 'save', 'cancel', 'justify']) }).strict();
/** The summary card's "change a field" menu; the field comes as the selected option. */
export const editFieldValue = z.object({ a: z.literal('edit_field'), plan: planId }).strict();
/** Confirmation of 取消. */
export const cancelConfirmValue = z.object({ a: z.literal('cancel_confirm'), plan: planId, yes: z.boolean(), v: version.optional() }).strict();
/** The one-card form's submit button; the values come in form_value. */
export const formSubmitValue = z.object({ a: z.literal('form_submit'), plan: planId.optional() }).strict();
/**
 * 我的申报: act on one plan; 撤回 carries the version the card showed (a replayed click acts on nothing)
 * and the page it was on (the answer is that page again).
 */
export const planValue = z
  .object({ a: z.literal('plan'), plan: planId, op: z.enum(['open', 'edit', 'withdraw', 'copy']), v: version.optional(), pg: pageNo.optional() })
  .strict();
/** 我的申报: list last year's plans to copy. */
export const lastYearValue = z.object({ a: z.literal('last_year') }).strict();
/** 本年度无培训计划, after confirmation. */
export const noPlanValue = z.object({ a: z.literal('no_plan'), year: z.number().int(), yes: z.boolean() }).strict();
/** The declarant's 修改 on a returned plan's notice (sent by the review and the reminders). */
export const reviseValue = z.object({ a: z.literal('revise'), plan: planId }).strict();

export type AnswerValue = z.infer<typeof answerValue>;
export type SummaryOp = z.infer<typeof summaryValue>['op'];
export type PlanOp = z.infer<typeof planValue>['op'];

/** The values the declaration's cards carry, built in one place (key order as the handlers have always seen). */
export const values = {
  declare: (): z.infer<typeof declareValue> => ({ a: 'declare' }),
  formOpen: (): z.infer<typeof formOpenValue> => ({ a: 'form_open' }),
  answer: (plan: number, field: PlanFieldKey, value: string): AnswerValue => ({ a: 'answer', plan, field, value }),
  summary: (plan: { id: number; version: number }, op: SummaryOp): z.infer<typeof summaryValue> => ({ a: 'summary', plan: plan.id, v: plan.version, op }),
  editField: (plan: number): z.infer<typeof editFieldValue> => ({ a: 'edit_field', plan }),
  cancelConfirm: (plan: number, yes: boolean, v?: number): z.infer<typeof cancelConfirmValue> => ({ a: 'cancel_confirm', plan, yes, ...(v !== undefined ? { v } : {}) }),
  formSubmit: (plan?: number): z.infer<typeof formSubmitValue> => (plan ? { a: 'form_submit', plan } : { a: 'form_submit' }),
  plan: (plan: number, op: PlanOp, o: { v?: number; pg?: number } = {}): z.infer<typeof planValue> => ({
    a: 'plan',
    plan,
    op,
    ...(o.v !== undefined ? { v: o.v } : {}),
    ...(o.pg !== undefined && o.pg > 1 ? { pg: o.pg } : {}),
  }),
  lastYear: (): z.infer<typeof lastYearValue> => ({ a: 'last_year' }),
  noPlan: (year: number, yes: boolean): z.infer<typeof noPlanValue> => ({ a: 'no_plan', year, yes }),
};
