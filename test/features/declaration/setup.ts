// The city the declaration tests run in: a unit without second-tier units (人社局), one with (教育局), the
// base list, declarants of both, a reviewer; all seeded through the ports.
import type { PlanDraft } from '../../../src/domain/plan.ts';
import type { PlanStatus } from '../../../src/domain/plan-status.ts';
import type { PlanRecord } from '../../../src/ports/plans.ts';
import { world, type World } from '../../support/converse.ts';
import { city, declarant, moveTo, plan, reviewer, unit } from '../../support/fixtures.ts';

export const DECLARANT = 'ou_decl_hrss_0001';
export const COLLEAGUE = 'ou_decl_hrss_0002';
export const EDU = 'ou_decl_edu_00001';
export const REVIEWER = 'ou_reviewer_00001';
export const DECLARING = new Date('2026-08-03T10:00:00+08:00');

/** Answers for a clean in-city plan after 申报, in the order asked (unit without second-tier units). */
export const CLEAN_TEXT = ['2027年度人社业务能力提升培训班', '市内', '线下', '业务科室工作人员', '45人', '1', '3天', '10月', '柳州市城中区市委党校', '跳过', '3.6万', '跳过', '李明', '0772-2825472', '跳过'];

export async function declaringWorld(start = DECLARING): Promise<World> {
  const w = await world({ start });
  await city(w.stores, {
    units: [
      unit('101001', '柳州市人力资源和社会保障局', { staffCount: 150, contactName: '李明' }),
      unit('103001', '柳州市教育局', { staffCount: 90 }),
      unit('103002', '柳州市教育局教研中心', { parentCode: '103001', staffCount: 20 }),
    ],
    bases: [{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }],
    people: [declarant(DECLARANT, '101001', '李明'), declarant(COLLEAGUE, '101001', '王芳'), declarant(EDU, '103001', '赵敏'), reviewer(REVIEWER, '审核员')],
  });
  return w;
}

/** A plan stored as it would be after being declared (another channel, another day). */
export function storedPlan(w: World, p: { unitCode: string; year: number; data: PlanDraft; status?: PlanStatus; actor?: string; at?: Date }): Promise<PlanRecord> {
  return plan(w.stores, { ...p, at: p.at ?? w.clock.now() });
}

/** Moves a plan to `status` as an operator would (not through the bot). */
export async function setStatus(w: World, id: number, status: PlanStatus): Promise<PlanRecord> {
  const at = w.clock.now();
  return (await moveTo(w.stores, id, status, at, status === 'SUBMITTED' ? { submittedAt: at } : {}))!;
}

/** The unit's plans of a year, newest first. */
export async function plansOf(w: World, unitCode: string, year = 2027): Promise<PlanRecord[]> {
  return (await w.stores.plans.list({ unitCode, year })).sort((a, b) => b.id - a.id);
}
