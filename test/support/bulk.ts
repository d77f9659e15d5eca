// Many plans at once, written straight into the database (one insert per table), for the tests of lists
// that must page: a unit with 150 plans, 500 plans across the city. Titles are as long as the form allows
// (60 characters) and carry characters the cards must escape, so the pages measured are the heavy ones.
import type { PlanDraft } from '../../src/domain/plan.ts';
import type { PlanStatus } from '../../src/domain/plan-status.ts';
import type { Harness } from './harness.ts';
import type { Stores } from '../../src/ports/index.ts';

/** A 60-character title, different for each plan, with markdown characters that grow when escaped. */
export function longTitle(year: number, i: number): string {
  const head = `${year}年度第${i}期全市机关事业单位*业务能力_提升*暨综合素质[专题]培训班`;
  return (head + '（含政策法规、公文写作、数字政务、安全生产、应急管理、廉政教育等内容）').slice(0, 60);
}

export const HEAVY_PLAN: PlanDraft = {
  unitName: null,
  scope: '市外',
  mode: '线下',
  audience: '本系统各县区业务科室负责人及业务骨干工作人员',
  headcount: 60,
  sessions: 3,
  days: 5,
  month: 10,
  location: '江西省井冈山市茨坪镇红军北路干部学院教学楼',
  institution: '中国井冈山干部学院',
  budget: 1234567,
  jointUnits: [],
  contactName: '欧阳明月',
  contactPhone: '0772-2825472',
  remarks: null,
  justification: null,
};

export type SeedSpec = {
  unitCode: string;
  year: number;
  count: number;
  status: PlanStatus;
  at: Date;
  data?: PlanDraft;
};

/** Inserts `count` plans of one unit (numbers continue the year's sequence); returns their ids in order. */
export async function seedPlans(h: Harness, s: SeedSpec): Promise<number[]> {
  const last = await h.db.plan.findFirst({ where: { year: s.year }, orderBy: { seq: 'desc' }, select: { seq: true } });
  const first = (last?.seq ?? 0) + 1;
  const submitted = s.status !== 'DRAFT';
  const rows = Array.from({ length: s.count }, (_, k) => {
    const seq = first + k;
    const data: PlanDraft = { ...HEAVY_PLAN, ...s.data, budgetCode: s.unitCode, title: longTitle(s.year, seq) };
    const at = new Date(s.at.getTime() + k * 60_000);
    return {
      year: s.year,
      seq,
      number: `${s.year}-${String(seq).padStart(3, '0')}`,
      unitCode: s.unitCode,
      budgetCode: s.unitCode,
      status: s.status,
      data: JSON.stringify(data),
      createdBy: 'cli',
      createdAt: at,
      updatedAt: at,
      submittedAt: submitted ? at : null,
    };
  });
  await h.db.plan.createMany({ data: rows });
  const made = await h.db.plan.findMany({ where: { year: s.year, seq: { gte: first, lt: first + s.count } }, orderBy: { seq: 'asc' }, select: { id: true, createdAt: true } });
  await h.db.planEvent.createMany({
    data: made.map((p) => ({ planId: p.id, at: p.createdAt, actor: 'cli', action: 'create', fromStatus: null, toStatus: s.status, comment: null, changes: null, details: null, channel: 'cli' })),
  });
  return made.map((p) => p.id);
}

/**
 * The same plans written through the ports (Prisma stores or the in-memory twins), one at a time: each with
 * its create event, as seedPlans makes them. Returns their ids in order.
 */
export async function seedPlansIn(stores: Pick<Stores, 'plans'>, s: SeedSpec): Promise<number[]> {
  let seq = (await stores.plans.list({ year: s.year })).length;
  const ids: number[] = [];
  for (let k = 0; k < s.count; k++) {
    const data: PlanDraft = { ...HEAVY_PLAN, ...s.data, budgetCode: s.unitCode, title: longTitle(s.year, ++seq) };
    const at = new Date(s.at.getTime() + k * 60_000);
    const event = { at, actor: 'cli', action: 'create', fromStatus: null, toStatus: s.status, comment: null, changes: null, channel: 'cli' as const };
    ids.push((await stores.plans.create({ year: s.year, unitCode: s.unitCode, data, status: s.status, event })).id);
  }
  return ids;
}

/** Units named like the real ones, each as long as the roll allows in practice. */
export function manyUnits(n: number, from = 200001) {
  return Array.from({ length: n }, (_, i) => ({
    code: String(from + i),
    name: `柳州市第${i + 1}综合行政执法和公共服务保障中心（市政务服务管理局下属）`,
    parentCode: null,
    staffCount: 120,
    contactName: null,
    contactMobile: null,
  }));
}
