// Execution on the fast seam: units, people and approved plans seeded through the ports; a class recorded
// through the 执行 card as a unit would; the package card a reviewer got; the alerts job; and the admin
// commands (history:template, history:import, export completion) called in-process on the world's ports.
import { expect } from 'vitest';
import { CliError } from '../../../src/cli/types.ts';
import { exportCompletionFile } from '../../../src/cli/excel.ts';
import { importHistoryFile } from '../../../src/cli/execution.ts';
import { historyTemplateFile } from '../../../src/features/execution/history.ts';
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { Unit } from '../../../src/domain/units.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import { world, type World, type WorldOptions } from '../../support/converse.ts';
import { valueIn } from '../../support/execution.ts';
import { cardText, messageText } from '../../support/transcript.ts';

export { valueIn };
export const at = (iso: string) => new Date(`${iso}+08:00`);

export const unit = (code: string, name: string, staffCount: number, parentCode: string | null = null): Unit => ({ code, name, parentCode, staffCount, contactName: null, contactMobile: null });

export const DECL = 'ou_ex_decl_hrss01';
export const EDU = 'ou_ex_decl_edu001';
export const FIN = 'ou_ex_decl_fin001';
export const POL = 'ou_ex_decl_pol001';
export const REV_A = 'ou_ex_reviewer_a1';
export const REV_B = 'ou_ex_reviewer_b1';

export const UNITS = [
  unit('101001', '柳州市人力资源和社会保障局', 150),
  unit('101002', '柳州市就业服务中心', 30, '101001'),
  unit('102001', '柳州市财政局', 120),
  unit('103001', '柳州市教育局', 200),
  unit('104001', '柳州市公安局', 300),
  unit('105001', '柳州市商务局', 60),
];
export const PEOPLE: Person[] = [
  { openId: DECL, name: '李明', unitCode: '101001' },
  { openId: EDU, name: '赵敏', unitCode: '103001' },
  { openId: FIN, name: '张伟', unitCode: '102001' },
  { openId: POL, name: '王强', unitCode: '104001' },
  { openId: REV_A, name: '审核员甲', reviewer: true },
  { openId: REV_B, name: '审核员乙', reviewer: true },
];
export const BASES = [{ name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] }];

/** The approved plan the execution scenarios start from (fields overridden per case). */
export const PLAN: PlanDraft = {
  budgetCode: '101001',
  unitName: '柳州市人力资源和社会保障局',
  title: '2026年度人社业务能力提升培训班',
  scope: '市外',
  mode: '线下',
  audience: '业务骨干',
  headcount: 40,
  sessions: 2,
  days: 3,
  month: 10,
  location: '江西省井冈山市',
  institution: '中国井冈山干部学院',
  budget: 60000,
  jointUnits: [],
  contactName: '李明',
  contactPhone: '0772-2825472',
  remarks: null,
  justification: null,
};

export type Person = { openId: string; name: string; unitCode?: string; reviewer?: boolean };

/** A world with these units, bases and people, seeded through the ports. */
export async function executionWorld(o: WorldOptions & { units: Unit[]; people: Person[]; bases?: { name: string; city: string; aliases: string[] }[] }): Promise<World> {
  const w = await world(o);
  await w.stores.registry.saveUnits(o.units);
  if (o.bases) await w.stores.bases.save(o.bases, false);
  for (const p of o.people) await addPerson(w, p);
  return w;
}

export async function addPerson(w: World, p: Person) {
  if (p.reviewer) await w.stores.roster.grant(p.openId, 'reviewer', p.name);
  if (p.unitCode) await w.stores.roster.bind(p.openId, p.unitCode, p.name);
}

/** A plan of `unitCode` for `year`, published the September before (as if approved on the usual calendar). */
export function publishedPlan(w: World, unitCode: string, year: number, data: PlanDraft): Promise<PlanRecord> {
  return w.stores.plans.create({
    year,
    unitCode,
    status: 'PUBLISHED',
    data: { ...data, budgetCode: unitCode },
    event: { at: at(`${year - 1}-09-30T10:00:00`), actor: 'cli', action: 'create', fromStatus: null, toStatus: 'PUBLISHED', comment: null, changes: null, channel: 'cli' },
  });
}

/** 登记开班 through the 执行 card's menu and the dates form; returns the class id. */
export async function recordClass(w: World, openId: string, planId: number, start: string, end: string) {
  const t = w.as(openId);
  await t.say('执行');
  const r = await t.clickValue(t.lastCard().messageId, { a: 'class_new' }, { option: String(planId) });
  expect(r.toast?.content).toBe('请填写开班日期');
  const form = t.lastCard();
  const saved = await t.clickValue(form.messageId, { a: 'class_save', plan: planId }, { formValue: { start: `${start} +0800`, end: `${end} +0800` } });
  expect(saved.toast?.type).toBe('success');
  return { t, classId: valueIn(saved.card, 'class', { op: 'dates' }).cls as number, saved, messageId: form.messageId };
}

/** The latest package card (培训包审核 · label) a reviewer got. */
export const packageCard = (w: World, reviewer: string, label: string) =>
  [...w.messenger.to(reviewer)].reverse().find((m) => m.msgType === 'interactive' && messageText(m).includes(`培训包审核 · ${label}`))!;

/** A sent card as it looks after its latest patch. */
export const latestPatch = (w: World, messageId: string) => cardText(w.messenger.patches().filter((p) => p.messageId === messageId).at(-1)?.content);

/** Files the bot sent to a person, newest last. */
export const filesTo = (w: World, openId: string) =>
  w.messenger
    .to(openId)
    .filter((m) => m.msgType === 'file')
    .map((m) => ({ fileName: m.fileName!, data: Buffer.from(m.data!) }));

/** Texts (not cards) a person was sent, in order. */
export const textsTo = (w: World, openId: string) => w.messenger.to(openId).filter((m) => m.msgType === 'text').map((m) => String(m.content.text));

/** Cards a person was sent, as text. */
export const cardsTo = (w: World, openId: string) => w.messenger.to(openId).filter((m) => m.msgType === 'interactive').map(messageText);

/** The execution-alerts job as of `when` (Beijing time), as `jobs:run` runs it; what it prints. */
export async function alertsJob(w: World, when: string, o: { dryRun?: boolean } = {}) {
  return (await w.job('execution-alerts', at(when), o)).join('\n');
}

/** Every port and the hub, as the admin commands get them. */
const adminDeps = (w: World) => ({ ...w.app.ports, hub: w.app.hub });

/** history:template in-process: the empty 补录 sheet. */
export const historyTemplate = (w: World) => historyTemplateFile(adminDeps(w), undefined);

/** history:import in-process on the world's ports: exit code and what it printed. */
export async function historyImport(w: World, data: Buffer, fileName: string, dryRun = false) {
  const out: string[] = [];
  try {
    await importHistoryFile(adminDeps(w), { print: (l) => out.push(l), logger: w.logger }, data, fileName, dryRun);
    return { code: 0, out: out.join('\n') };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    out.push(`错误：${err.message}`);
    return { code: 1, out: out.join('\n') };
  }
}

/** export completion in-process: what it printed. */
export async function exportCompletion(w: World, year: number, file: string) {
  const out: string[] = [];
  await exportCompletionFile(adminDeps(w), { print: (l) => out.push(l) }, year, file);
  return out.join('\n');
}

/** Every step on record, of every class of every plan (a count the old tests read from the database). */
export async function stepCount(w: World) {
  const plans = await w.stores.plans.list({});
  const classes = await w.stores.classes.of(plans.map((p) => p.id));
  return (await w.stores.steps.of(classes.map((c) => c.id))).length;
}
