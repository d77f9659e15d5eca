// Demo reference data for the sandbox: a few competent units with second-tier units, three declarants, a
// reviewer, an admin and someone not yet linked; the training-base list; a campaign open today (so there is
// something to declare whatever the date); one plan waiting for first review; and an approved plan of this
// year with a class coming up, so 执行 and the alerts have something to show. All of it is made up.
import { createStores } from '../db/stores.ts';
import { addDays, beijingInstant, beijingYmd, endOfBeijingDay, ymd, ymdParts } from '../domain/dates.ts';
import { currentCampaignYear, defaultCampaign, type Campaign } from '../domain/campaign.ts';
import type { PlanDraft } from '../domain/plan.ts';
import type { Role } from '../domain/people.ts';
import type { Db } from '../db/prisma.ts';

export type Persona = { openId: string; name: string; role: Role | null; unitCode: string | null; title: string };

export const PERSONAS: Persona[] = [
  { openId: 'ou_sandbox_hrss_liming', name: '李明', role: 'declarant', unitCode: '101001', title: '申报人 · 市人社局' },
  { openId: 'ou_sandbox_edu_zhaomin', name: '赵敏', role: 'declarant', unitCode: '103001', title: '申报人 · 市教育局' },
  { openId: 'ou_sandbox_fin_zhangwei', name: '张伟', role: 'declarant', unitCode: '102001', title: '申报人 · 市财政局' },
  { openId: 'ou_sandbox_reviewer_wangfang', name: '王芳', role: 'reviewer', unitCode: null, title: '审核人 · 市工作领导小组办公室' },
  { openId: 'ou_sandbox_admin_chenjing', name: '陈静', role: 'admin', unitCode: null, title: '管理员' },
  { openId: 'ou_sandbox_new_liuyang', name: '刘洋', role: null, unitCode: null, title: '未关联单位（可试「绑定 105001」）' },
];

const UNITS = [
  { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150 },
  { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 40 },
  { code: '101003', name: '柳州市社会保险事业局', parentCode: '101001', staffCount: 60 },
  { code: '102001', name: '柳州市财政局', parentCode: null, staffCount: 120 },
  { code: '103001', name: '柳州市教育局', parentCode: null, staffCount: 200 },
  { code: '103002', name: '柳州市教育科学研究所', parentCode: '103001', staffCount: 30 },
  { code: '104001', name: '柳州市卫生健康委员会', parentCode: null, staffCount: 90 },
  { code: '105001', name: '柳州市商务局', parentCode: null, staffCount: 55 },
];

const BASES = [
  { name: '中共柳州市委党校（柳州市行政学院）', city: '柳州', aliases: ['柳州市委党校'] },
  { name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] },
  { name: '中国延安干部学院', city: '延安', aliases: ['延安干部学院'] },
  { name: '中国浦东干部学院', city: '上海', aliases: ['浦东干部学院'] },
  { name: '广西壮族自治区党委党校（广西行政学院）', city: '南宁', aliases: ['自治区党校'] },
];

const base: PlanDraft = {
  scope: '市内',
  mode: '线下',
  audience: '业务科室工作人员',
  headcount: 45,
  sessions: 1,
  days: 3,
  month: 10,
  location: '柳州市城中区市委党校',
  institution: '中共柳州市委党校（柳州市行政学院）',
  budget: 36000,
  jointUnits: [],
  remarks: null,
  justification: null,
};

/** The campaign people declare for at `now`, open since yesterday: 申报 two weeks, 修改 one more week. */
export function demoCampaign(now: Date): Campaign {
  const today = beijingYmd(now);
  return {
    ...defaultCampaign(currentCampaignYear(now, [])),
    opensAt: beijingInstant(addDays(today, -1)),
    declareClosesAt: endOfBeijingDay(addDays(today, 14)),
    reviseClosesAt: endOfBeijingDay(addDays(today, 21)),
    backfillClosesAt: endOfBeijingDay(ymd(ymdParts(today).y, 12, 31)),
  };
}

/** Fills an empty sandbox database; `now` places the campaign and the demo class around today. */
export async function seedDemo(db: Db, now: Date): Promise<{ year: number }> {
  const stores = createStores(db);
  await stores.registry.saveUnits(UNITS.map((u) => ({ ...u, contactName: null, contactMobile: null })));
  await stores.bases.save(BASES, true);
  await db.user.createMany({ data: PERSONAS.map((p) => ({ openId: p.openId, name: p.name, role: p.role, unitCode: p.unitCode })) });

  const today = beijingYmd(now);
  const campaign = demoCampaign(now);
  const year = campaign.year;
  await stores.campaigns.save(campaign);

  const plans = createStores(db).plans;
  const ev = (actor: string, action: string, toStatus: string) => ({ at: now, actor, action, fromStatus: null, toStatus: toStatus as never, comment: null, changes: null, channel: 'system' as const });
  // 教育局 has already submitted a plan: the reviewer has something to review (「待审」).
  const edu = PERSONAS[1]!;
  await plans.create({
    year,
    unitCode: '103001',
    status: 'SUBMITTED',
    data: { ...base, budgetCode: '103001', unitName: '柳州市教育局', title: `${year}年度中小学校长办学治校能力提升培训班`, headcount: 50, contactName: edu.name, contactPhone: '0772-2821234' },
    event: ev(edu.openId, 'submit', 'SUBMITTED'),
  });
  await db.plan.updateMany({ where: { unitCode: '103001', year }, data: { submittedAt: now } });

  // 人社局 runs an approved out-of-city plan this year; its first class is three weeks away.
  const thisYear = ymdParts(today).y;
  const hrss = PERSONAS[0]!;
  const approved = await plans.create({
    year: thisYear,
    unitCode: '101001',
    status: 'PUBLISHED',
    data: {
      ...base,
      budgetCode: '101001',
      unitName: '柳州市人力资源和社会保障局',
      title: `${thisYear}年度人社系统业务骨干理想信念教育培训班`,
      scope: '市外',
      location: '江西省井冈山市',
      institution: '中国井冈山干部学院',
      headcount: 40,
      sessions: 2,
      month: 12,
      budget: 96000,
      contactName: hrss.name,
      contactPhone: '0772-2825472',
    },
    event: ev('system', 'create', 'PUBLISHED'),
  });
  const start = addDays(today, 21);
  if (ymdParts(start).y === thisYear) {
    await createStores(db).classes.add({
      planId: approved.id,
      seq: 1,
      start,
      end: addDays(start, 2),
      source: 'chat',
      at: now,
      event: { ...ev(hrss.openId, 'class_add', 'PUBLISHED'), toStatus: null, details: { what: '第1期' } },
    });
  }
  return { year };
}
