// The declaration's buttons: the zod schema of each callback value its routes accept, and builders for the
// values its cards carry. Values hold ids and the plan version the card showed, never anything the handler
// would trust about the person (the route takes the unit from the person who clicks).
import { z } from 'zod';
import { answerValue, crossValues, declareValue, formOpenValue, noPlanValue, planValue, reviseValue, type AnswerValue, type PlanOp } from '../../cards/actions.ts';

const planId = z.number().int().positive();
const version = z.number().int().positive();

// Also carried by other features' cards (and the bot's): schema and builder in cards/actions.ts.
export { answerValue, declareValue, formOpenValue, noPlanValue, planValue, reviseValue, type AnswerValue, type PlanOp };

/** The summary card's buttons. */
export const summaryValue = z.object({ a: z.literal('summary'), plan: planId, v: version, op: z.enum(['submit', 'save', 'cancel', 'justify']) }).strict();
/** The summary card's "change a field" menu; the field comes as the selected option. */
export const editFieldValue = z.object({ a: z.literal('edit_field'), plan: planId }).strict();
/** Confirmation of 取消. */
export const cancelConfirmValue = z.object({ a: z.literal('cancel_confirm'), plan: planId, yes: z.boolean(), v: version.optional() }).strict();
/** The one-card form's submit button; the values come in form_value. */
export const formSubmitValue = z.object({ a: z.literal('form_submit'), plan: planId.optional() }).strict();
/** 我的申报: list last year's plans to copy. */
export const lastYearValue = z.object({ a: z.literal('last_year') }).strict();

export type SummaryOp = z.infer<typeof summaryValue>['op'];

/** The values the declaration's cards carry, built in one place (key order as the handlers have always seen). */
export const values = {
  declare: crossValues.declare,
  formOpen: crossValues.formOpen,
  answer: crossValues.answer,
  summary: (plan: { id: number; version: number }, op: SummaryOp): z.infer<typeof summaryValue> => ({ a: 'summary', plan: plan.id, v: plan.version, op }),
  editField: (plan: number): z.infer<typeof editFieldValue> => ({ a: 'edit_field', plan }),
  cancelConfirm: (plan: number, yes: boolean, v?: number): z.infer<typeof cancelConfirmValue> => ({ a: 'cancel_confirm', plan, yes, ...(v !== undefined ? { v } : {}) }),
  formSubmit: (plan?: number): z.infer<typeof formSubmitValue> => (plan ? { a: 'form_submit', plan } : { a: 'form_submit' }),
  plan: crossValues.plan,
  lastYear: (): z.infer<typeof lastYearValue> => ({ a: 'last_year' }),
  noPlan: crossValues.noPlan,
};
