// Callback values as zod schemas: those every feature uses (help, cmd, page) and those of the features that
// do not have their own buttons.ts yet (issue 14), as one union. A feature's own values live in its
// buttons.ts, and its card routes check them; a value that another feature's (or the bot's) card carries
// lives here, schema and builder once (CROSS below). Values carry ids and the plan version the card showed,
// never anything the handler would trust about the person.
import { z } from 'zod';
import type { PlanFieldKey } from '../domain/plan.ts';

const planId = z.number().int().positive();
const version = z.number().int().positive();
const id = z.number().int().positive();
const stepNo = z.number().int().min(1).max(6);

/** The lists that page (paging.ts); each has one handler that rebuilds a page for the person who clicks. */
export const LIST_IDS = [
  'my_plans',
  'last_year',
  'progress',
  'queue',
  'pending',
  'second',
  'approval',
  'published',
  'exec',
  'completion_unit',
  'completion',
  'completion_gaps',
  'completion_budget',
  'completion_late',
  'completion_backfill',
] as const;
export type ListId = (typeof LIST_IDS)[number];

/**
 * 上一页 / 下一页 of a list: which list, which page, and the year it is of. Whose list it is (the unit, the
 * reviewer's queue) is never in the value: the handler takes it from the person who clicks. `t`: when the
 * card was drawn (ms). Clicks are deduplicated by their value (a re-delivered push answers as before), so
 * without it going back to a page drawn earlier would show that old drawing instead of the list as it is.
 */
export const pageValueSchema = z
  .object({ a: z.literal('page'), list: z.enum(LIST_IDS), p: z.number().int().min(1).max(1000), year: z.number().int().min(2000).max(2100).optional(), t: z.number().int().nonnegative().optional() })
  .strict();

export const buttonValueSchema = z.discriminatedUnion('a', [
  z.object({ a: z.literal('help') }).strict(),
  /** Run a command (a guess offered for a message the bot was not sure about). */
  z.object({ a: z.literal('cmd'), id: z.string().regex(/^[a-z_]{1,40}$/) }).strict(),
  /** A link request from the greeting card's form (code in form_value). */
  z.object({ a: z.literal('link_request') }).strict(),
  /** A unit picked among those whose name matched what followed 绑定. */
  z.object({ a: z.literal('link_to'), code: z.string().regex(/^[0-9A-Z]{1,30}$/) }).strict(),
  /** An admin's decision on a link request. */
  z.object({ a: z.literal('link_decide'), req: z.number().int().positive(), approve: z.boolean() }).strict(),
  /** 执行: the list of the unit's classes again. */
  z.object({ a: z.literal('exec_list') }).strict(),
  /** 执行 list: the class picked in the menu (its id comes as the selected option). */
  z.object({ a: z.literal('class_pick') }).strict(),
  /** 登记开班 for a plan (or for the plan picked in the menu). */
  z.object({ a: z.literal('class_new'), plan: planId.optional() }).strict(),
  /** The class-dates form: a new class of a plan, or new dates of class `cls` at version `v`. */
  z.object({ a: z.literal('class_save'), plan: planId, cls: id.optional(), v: version.optional() }).strict(),
  /** A class card's own buttons. */
  z.object({ a: z.literal('class'), cls: id, op: z.enum(['open', 'dates', 'cancel', 'cancel_yes', 'files', 'back']), v: version.optional() }).strict(),
  /** Open the form of one step; save it (v: the step's version read, 0 when not reported yet). */
  z.object({ a: z.literal('step_open'), cls: id, step: stepNo }).strict(),
  z.object({ a: z.literal('step_save'), cls: id, step: stepNo, v: z.number().int().min(0) }).strict(),
  /** A reviewer on a package card: decisions carry the package version the card showed. */
  z.object({ a: z.literal('pkg_review'), cls: id, v: version, op: z.enum(['approve', 'return', 'files', 'back']) }).strict(),
  z.object({ a: z.literal('pkg_return'), cls: id, v: version }).strict(),
  /** 未开展: the next file is the plan's sealed statement. */
  z.object({ a: z.literal('statement'), plan: planId }).strict(),
  /** 完成情况 as an Excel file. */
  z.object({ a: z.literal('completion_file'), year: z.number().int() }).strict(),
  /** The 补录 template; a checked 补录 upload: import it. */
  z.object({ a: z.literal('history_template') }).strict(),
  z.object({ a: z.literal('history_import'), id: id }).strict(),
  /**
   * A holiday notice an admin sent: import it as its year's schedule (v: the id of the year's schedule the card
   * compared it with, 0 for none), or not; the year of a text that names none.
   */
  z.object({ a: z.literal('hol_import'), id, v: z.number().int().min(0) }).strict(),
  z.object({ a: z.literal('hol_cancel'), id }).strict(),
  z.object({ a: z.literal('hol_year'), id, year: z.number().int().min(2000).max(2100) }).strict(),
  pageValueSchema,
]);

export type ButtonValue = z.infer<typeof buttonValueSchema>;
export type ButtonKind = ButtonValue['a'];

/** The schema of one kind of button value (a card route accepts exactly its own). */
export function valueOf<K extends ButtonKind>(a: K): z.ZodType<Extract<ButtonValue, { a: K }>> {
  const option = buttonValueSchema.options.find((o) => o.shape.a.value === a);
  if (!option) throw new Error(`no button value ${a}`);
  return option as unknown as z.ZodType<Extract<ButtonValue, { a: K }>>;
}

/**
 * A value a feature's own button carries: its schema lives in `features/<name>/buttons.ts`, and `a` names the
 * card route that accepts it (bot/card-actions.ts checks the value against that route's schema).
 */
export type FeatureButtonValue = { a: string } & Record<string, unknown>;

/** The callback behaviour for a button carrying `value`. */
export function callback(value: ButtonValue | FeatureButtonValue) {
  return [{ type: 'callback', value }];
}

export type ButtonStyle = 'default' | 'primary' | 'danger' | 'primary_filled' | 'danger_filled' | 'text' | 'primary_text' | 'danger_text' | 'laser';

/** A card button (JSON 2.0) with a callback value. */
export function button(text: string, value: ButtonValue | FeatureButtonValue, type: ButtonStyle = 'default', extra: Record<string, unknown> = {}) {
  return { tag: 'button', text: { tag: 'plain_text', content: text }, type, behaviors: callback(value), ...extra };
}

// CROSS: values one feature's route accepts and another feature's card (or the bot's, cards/) carries. The
// route's feature takes the schema from here; every card builds the value with `crossValues` (key order as
// the handlers have always seen: clicks are deduplicated by their value).
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

/** Start (or resume) a declaration by chat (declaration; on the greeting card and the reminders). */
export const declareValue = z.object({ a: z.literal('declare') }).strict();
/** Open the one-card form (declaration; on the greeting card). */
export const formOpenValue = z.object({ a: z.literal('form_open') }).strict();
/** A choice button of a question card: answers that field of that plan (declaration; also the bot's 是指令还是回答). */
export const answerValue = z.object({ a: z.literal('answer'), plan: planId, field: fieldKey, value: z.string().max(100) }).strict();
/**
 * 我的申报: act on one plan (declaration; 继续填写草稿 on a reminder); 撤回 carries the version the card showed
 * (a replayed click acts on nothing) and the page it was on (the answer is that page again).
 */
export const planValue = z
  .object({ a: z.literal('plan'), plan: planId, op: z.enum(['open', 'edit', 'withdraw', 'copy']), v: version.optional(), pg: pageNo.optional() })
  .strict();
/** 本年度无培训计划, after confirmation (declaration; on the reminders). */
export const noPlanValue = z.object({ a: z.literal('no_plan'), year: z.number().int(), yes: z.boolean() }).strict();
/** The declarant's 修改 on a returned plan's notice (declaration; sent by the review and the reminders). */
export const reviseValue = z.object({ a: z.literal('revise'), plan: planId }).strict();
/** Send me the declaration template (excel; on the reminders). */
export const templateValue = z.object({ a: z.literal('template') }).strict();
/** A checked upload, declaration or 补录: do not import it (excel; the execution feature's 补录 card too). */
export const excelCancelValue = z.object({ a: z.literal('excel_cancel'), id }).strict();

export type AnswerValue = z.infer<typeof answerValue>;
export type PlanOp = z.infer<typeof planValue>['op'];

export const crossValues = {
  declare: (): z.infer<typeof declareValue> => ({ a: 'declare' }),
  formOpen: (): z.infer<typeof formOpenValue> => ({ a: 'form_open' }),
  answer: (plan: number, field: PlanFieldKey, value: string): AnswerValue => ({ a: 'answer', plan, field, value }),
  plan: (plan: number, op: PlanOp, o: { v?: number; pg?: number } = {}): z.infer<typeof planValue> => ({
    a: 'plan',
    plan,
    op,
    ...(o.v !== undefined ? { v: o.v } : {}),
    ...(o.pg !== undefined && o.pg > 1 ? { pg: o.pg } : {}),
  }),
  noPlan: (year: number, yes: boolean): z.infer<typeof noPlanValue> => ({ a: 'no_plan', year, yes }),
  revise: (plan: number): z.infer<typeof reviseValue> => ({ a: 'revise', plan }),
  template: (): z.infer<typeof templateValue> => ({ a: 'template' }),
  excelCancel: (uploadId: number): z.infer<typeof excelCancelValue> => ({ a: 'excel_cancel', id: uploadId }),
};
