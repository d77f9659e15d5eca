// Review of plans [seed 二(一)2]: the first review the same day, returns with comments on the fields to
// change, revision until the 修改 deadline, the second review after close. Pure helpers over a plan's
// events: what a return asked for, what changed since, and how long a plan has waited.
import { z } from 'zod';
import { addDays, beijingYmd } from './dates.ts';
import { fieldByName, fieldDef, PLAN_FIELDS, type PlanFieldKey } from './plan.ts';
import { ruleById } from './rules.ts';
import type { PlanStatus } from './plan-status.ts';
import type { WorkCalendar } from './working-days.ts';

export type ReturnedField = { field: PlanFieldKey; note: string | null };
export type ReturnRequest = { comment: string; fields: ReturnedField[] };

const FIELD_KEYS = PLAN_FIELDS.map((f) => f.key) as [PlanFieldKey, ...PlanFieldKey[]];

/** What a reviewer's return form must hold: a comment and at least one field. */
export const returnFormSchema = z.object({
  comment: z.string({ error: '请填写退回意见' }).trim().min(2, { error: '退回意见至少 2 个字' }).max(500, { error: '退回意见最多 500 字' }),
  fields: z.array(z.enum(FIELD_KEYS), { error: '请选择需要修改的项目' }).min(1, { error: '请至少选择一个需要修改的项目' }),
  notes: z.string().max(1000, { error: '逐项意见最多 1000 字' }).optional(),
});

/** How a per-field note is written, with a rule's own limit as the example: 每期人数：不超过60人. */
export const RETURN_NOTE_EXAMPLE = `${fieldDef('headcount').label}：不超过${ruleById('out_of_city_max_60').limits.max}人`;

/**
 * Reads a return form. Per-field notes are written one per line as 「字段：意见」 (人数：不超过60人); a note
 * for a field that was not ticked ticks it too.
 */
export function parseReturn(input: unknown): { ok: true; request: ReturnRequest } | { ok: false; errors: string[] } {
  const r = returnFormSchema.safeParse(input);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => i.message) };
  const notes = new Map<PlanFieldKey, string>();
  const unknown: string[] = [];
  for (const line of (r.data.notes ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.{1,10}?)\s*[:：]\s*(.+)$/.exec(line);
    const field = m ? fieldByName(m[1]!) : undefined;
    if (m && field) notes.set(field, m[2]!.trim());
    else unknown.push(line);
  }
  if (unknown.length) return { ok: false, errors: [`逐项意见请按「字段：意见」一行一条书写，例如「${RETURN_NOTE_EXAMPLE}」。看不懂的行：${unknown.join('；')}`] };
  const keys = [...new Set([...r.data.fields, ...notes.keys()])];
  const order = (k: PlanFieldKey) => FIELD_KEYS.indexOf(k);
  return {
    ok: true,
    request: { comment: r.data.comment, fields: keys.sort((a, b) => order(a) - order(b)).map((field) => ({ field, note: notes.get(field) ?? null })) },
  };
}

type EventLike = {
  id: number;
  at: Date;
  actor: string;
  action: string;
  toStatus: PlanStatus | null;
  comment: string | null;
  changes: Partial<Record<PlanFieldKey, [unknown, unknown]>> | null;
  details: Record<string, unknown> | null;
};

/** The most recent return of a plan, with what it asked for. */
export function lastReturn(events: readonly EventLike[]): (ReturnRequest & { at: Date; actor: string; eventId: number }) | null {
  const e = [...events].reverse().find((x) => x.action === 'return');
  if (!e) return null;
  const fields = Array.isArray(e.details?.fields) ? (e.details.fields as ReturnedField[]) : [];
  return { comment: e.comment ?? '', fields, at: e.at, actor: e.actor, eventId: e.id };
}

/** Field changes after a given event: each field's value then and now (unchanged round trips dropped). */
export function changesSince(events: readonly EventLike[], afterEventId: number): Partial<Record<PlanFieldKey, [unknown, unknown]>> {
  const out: Partial<Record<PlanFieldKey, [unknown, unknown]>> = {};
  for (const e of events) {
    if (e.id <= afterEventId || !e.changes) continue;
    for (const [k, [from, to]] of Object.entries(e.changes) as [PlanFieldKey, [unknown, unknown]][]) {
      out[k] = [k in out ? out[k]![0] : from, to];
    }
  }
  for (const [k, [from, to]] of Object.entries(out) as [PlanFieldKey, [unknown, unknown]][]) {
    if (JSON.stringify(from) === JSON.stringify(to)) delete out[k];
  }
  return out;
}

/** Whole working days a plan has waited since `since` (the day itself not counted). */
export function workingDaysWaiting(cal: WorkCalendar, since: Date, now: Date): number {
  return Math.max(0, cal.workingDaysBetween(beijingYmd(since), beijingYmd(now)));
}

/**
 * The years without a holiday schedule that a wait from `since` to `now` was counted over: its count is then
 * tentative (暂定) [DOMAIN.md "The campaign calendar"].
 */
export function tentativeYearsOfWait(cal: WorkCalendar, since: Date, now: Date): number[] {
  const [a, b] = [beijingYmd(since), beijingYmd(now)].sort();
  // The days counted are those after `since`, up to and including today.
  if (a === b || !cal.tentativeBetween(addDays(a!, 1), b!)) return [];
  const years: number[] = [];
  for (let y = Number(a!.slice(0, 4)); y <= Number(b!.slice(0, 4)); y++) years.push(y);
  return cal.unknownYears(years);
}

/** Who holds a plan at each status, as the declarant should read it. */
export const HOLDER: Record<PlanStatus, string> = {
  DRAFT: '申报单位',
  SUBMITTED: '市工作领导小组办公室（初审）',
  FIRST_APPROVED: '市工作领导小组办公室（待复审）',
  RETURNED: '申报单位（修改）',
  SECOND_APPROVED: '市工作领导小组（待报批）',
  REJECTED: '—',
  SENT_FOR_APPROVAL: '市委、市政府（审批）',
  APPROVED: '市工作领导小组（待公布）',
  NOT_APPROVED: '—',
  PUBLISHED: '申报单位（组织实施）',
  EXPIRED: '—',
  DISCARDED: '—',
};
