// A small city for the review tests on the fast seam: three units, their declarants and two reviewers, seeded
// through the ports; plans declared and submitted through the form card as a declarant would.
import { expect } from 'vitest';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import type { Unit } from '../../../src/domain/units.ts';
import { world, type World, type WorldOptions } from '../../support/converse.ts';
import { city, declarant, reviewer, unit } from '../../support/fixtures.ts';
import type { Sent } from '../../support/converse-fakes.ts';

export const HRSS = 'ou_rv_decl_hrss1';
export const EDU = 'ou_rv_decl_edu01';
export const FIN = 'ou_rv_decl_fin01';
export const REVIEWER_A = 'ou_rv_reviewer_a';
export const REVIEWER_B = 'ou_rv_reviewer_b';
export const DECLARING = new Date('2026-08-03T10:00:00+08:00');


export const UNITS = {
  hrss: unit('101001', '柳州市人力资源和社会保障局', { staffCount: 150 }),
  edu: unit('103001', '柳州市教育局', { staffCount: 200 }),
  fin: unit('102001', '柳州市财政局', { staffCount: 120 }),
  /** A second-tier unit of 财政局. */
  treasury: unit('102002', '柳州市财政国库支付中心', { staffCount: 30, parentCode: '102001' }),
};

export const FORM = {
  title: '2027年度业务能力提升培训班', scope: '市内', mode: '线下', audience: '业务科室工作人员', headcount: '45', sessions: '1', days: '3',
  month: '10', location: '柳州市城中区', budget: '30000', contactName: '联系人', contactPhone: '0772-2825472',
};

type Person = { openId: string; name: string; unitCode?: string; reviewer?: boolean };

export const PEOPLE: Person[] = [
  { openId: HRSS, name: '李明', unitCode: UNITS.hrss.code },
  { openId: EDU, name: '赵敏', unitCode: UNITS.edu.code },
  { openId: FIN, name: '张伟', unitCode: UNITS.fin.code },
  { openId: REVIEWER_A, name: '审核员甲', reviewer: true },
  { openId: REVIEWER_B, name: '审核员乙', reviewer: true },
];

/** A world with these units and people (default: the three units, three declarants and two reviewers). */
export async function reviewWorld(o: WorldOptions & { units?: Unit[]; people?: Person[] } = {}): Promise<World> {
  const w = await world({ start: DECLARING, ...o });
  const people = (o.people ?? PEOPLE).flatMap((p) => [...(p.reviewer ? [reviewer(p.openId, p.name)] : []), ...(p.unitCode ? [declarant(p.openId, p.unitCode, p.name)] : [])]);
  await city(w.stores, { units: o.units ?? [UNITS.hrss, UNITS.edu, UNITS.fin], people });
  return w;
}

/** Declares and submits a plan through the form card; returns its number. */
export async function submitted(w: World, openId: string, values: Record<string, string> = {}): Promise<string> {
  const t = w.as(openId);
  await t.say('表单申报');
  const r = await t.clickValue(t.lastCard().messageId, { a: 'form_submit' }, { formValue: { ...FORM, ...values } });
  expect(r.toast?.type).toBe('success');
  const done = await t.say('提交');
  return /已提交 · (2027-\d{3})/.exec(done.join('\n'))![1]!;
}

/** The latest review card of the plan a reviewer (or a group) got, as sent. */
export function reviewCardIn(w: World, to: string, number: string): Sent {
  return [...w.messenger.to(to)].reverse().find((m) => m.msgType === 'interactive' && JSON.stringify(m.content).includes(`· ${number}`))!;
}

/** The value of a review card's button (`op`), as the card carries it. */
export function reviewValue(card: unknown, op: string): { a: 'review'; plan: number; v: number; op: string } {
  return JSON.parse(JSON.stringify(card).match(new RegExp(`\\{"a":"review","plan":\\d+,"v":\\d+,"op":"${op}"\\}`))![0]);
}

/** A reviewer clicks `op` on their card of the plan; `review_return` sends the return form with `formValue`. */
export function decide(w: World, reviewer: string, number: string, op: string, formValue?: Record<string, unknown>) {
  const card = reviewCardIn(w, reviewer, number);
  const value = reviewValue(card.content, op === 'review_return' ? 'return' : op);
  const v = op === 'review_return' ? { a: 'review_return', plan: value.plan, v: value.v } : value;
  return w.as(reviewer).clickValue(card.messageId, v, formValue ? { formValue } : {});
}

/** The texts (not cards) a person was sent, in order. */
export const textsTo = (w: World, openId: string) => w.messenger.to(openId).filter((m) => m.msgType === 'text').map((m) => String(m.content.text));

/** Plans of the year with these statuses, read through the ports. */
export const plansIn = (w: World, year: number, ...statuses: PlanStatus[]) => w.stores.plans.list({ year, statuses });
