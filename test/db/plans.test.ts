import { createStores } from '../../src/db/stores.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/prisma.ts';
import type { PlanDraft } from '../../src/domain/plan.ts';
import { actOnPlan, createDraft, editPlan, type PlanDeps } from '../../src/model/plans.ts';
import { STORAGE } from '../support/storage.ts';

describe.each(STORAGE)('on %s', (_name, make) => {
  let t: Awaited<ReturnType<typeof make>>;
  let db: Db;
  let deps: PlanDeps;
  const DECLARING = new Date('2026-08-03T10:00:00+08:00');
  const AFTER_DEADLINE = new Date('2026-08-06T00:00:00+08:00');

  const complete: PlanDraft = {
    budgetCode: '101001', unitName: '柳州市人力资源和社会保障局', title: '2027年度人社业务能力提升培训班', scope: '市内', mode: '线下',
    audience: '业务科室工作人员', headcount: 45, sessions: 1, days: 3, month: 10, location: '柳州市城中区', institution: null, budget: 36000,
    jointUnits: [], contactName: '李明', contactPhone: '0772-2825472', remarks: null, justification: null,
  };

  beforeAll(async () => {
    t = await make();
    db = t.db;
    const stores = createStores(db);
    await stores.registry.saveUnits([
      { code: '101001', name: '柳州市人力资源和社会保障局', parentCode: null, staffCount: 150, contactName: null, contactMobile: null },
      { code: '101002', name: '柳州市就业服务中心', parentCode: '101001', staffCount: 30, contactName: null, contactMobile: null },
    ]);
    await stores.bases.save([{ name: '中国井冈山干部学院', city: '井冈山', aliases: [] }], false);
    deps = stores;
  });
  afterAll(() => t.cleanup());

  const draft = (data: PlanDraft = complete) =>
    createDraft(deps, { year: 2027, unitCode: '101001', data, actor: 'ou_declarant0001', channel: 'chat', now: DECLARING });

  describe('plan storage', () => {
    it('numbers plans per year without gaps or duplicates, even when created at once', async () => {
      const plans = await Promise.all(Array.from({ length: 8 }, () => draft({ title: '并发创建' })));
      const numbers = plans.map((p) => p.number).sort();
      expect(new Set(numbers).size).toBe(8);
      expect(numbers[0]).toMatch(/^2027-\d{3}$/);
    });

    it('records who, when, what changed and through which channel', async () => {
      const p = await draft({ title: '初稿标题' });
      const edited = await editPlan(deps, { id: p.id, version: p.version, changes: { title: '改后的标题', headcount: 40 }, actor: 'ou_declarant0001', channel: 'excel', now: DECLARING });
      expect(edited.ok).toBe(true);
      const events = await deps.plans.events(p.id);
      expect(events.map((e) => [e.action, e.channel])).toEqual([['create', 'chat'], ['edit', 'excel']]);
      expect(events[1]!.changes).toEqual({ title: ['初稿标题', '改后的标题'], headcount: [null, 40] });
    });

    it('a write on a stale version changes nothing and says so', async () => {
      const p = await draft();
      const first = await editPlan(deps, { id: p.id, version: p.version, changes: { headcount: 50 }, actor: 'a', channel: 'chat', now: DECLARING });
      const second = await editPlan(deps, { id: p.id, version: p.version, changes: { headcount: 55 }, actor: 'b', channel: 'card', now: DECLARING });
      expect(first.ok).toBe(true);
      expect(second).toMatchObject({ ok: false, error: 'conflict' });
      expect((await deps.plans.get(p.id))!.data.headcount).toBe(50);
      expect((await deps.plans.events(p.id)).map((e) => e.actor)).toEqual(['ou_declarant0001', 'a']);
    });

    it('two reviewers deciding at once: exactly one decision is recorded', async () => {
      const p = await draft();
      const submitted = await actOnPlan(deps, { id: p.id, version: p.version, action: 'submit', actor: 'ou_declarant0001', channel: 'chat', now: DECLARING });
      expect(submitted.ok).toBe(true);
      const v = submitted.ok ? submitted.plan.version : 0;
      const [a, b] = await Promise.all([
        actOnPlan(deps, { id: p.id, version: v, action: 'approve_first', actor: 'ou_reviewer_a', channel: 'card', now: DECLARING }),
        actOnPlan(deps, { id: p.id, version: v, action: 'return', actor: 'ou_reviewer_b', channel: 'card', now: DECLARING, comment: '人数再核对' }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      expect((await deps.plans.events(p.id)).filter((e) => e.action === 'approve_first' || e.action === 'return')).toHaveLength(1);
    });

    it('the audit trail cannot be edited or deleted', async () => {
      const p = await draft();
      // The database refuses (a trigger raises; Prisma reports it as a constraint violation).
      await expect(db.planEvent.updateMany({ where: { planId: p.id }, data: { actor: 'someone else' } })).rejects.toThrow();
      await expect(db.planEvent.deleteMany({ where: { planId: p.id } })).rejects.toThrow();
      expect((await deps.plans.events(p.id)).map((e) => e.actor)).toEqual(['ou_declarant0001']);
    });
  });

  describe('submitting', () => {
    it('refuses an incomplete plan, listing what is missing', async () => {
      const p = await draft({ title: '只有标题的草稿' });
      const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'submit', actor: 'x', channel: 'chat', now: DECLARING });
      expect(r).toMatchObject({ ok: false, error: 'incomplete' });
      expect(r.ok === false && r.error === 'incomplete' && r.fieldErrors.map((e) => e.label)).toContain('培训类别');
    });

    it('refuses after the declaration deadline with the reason', async () => {
      const p = await draft();
      const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'submit', actor: 'x', channel: 'chat', now: AFTER_DEADLINE });
      expect(r).toEqual({ ok: false, error: 'illegal', message: '申报期限已过，现在只受理被退回计划的修改' });
    });

    it('blocks hard findings and asks for a justification for soft ones', async () => {
      const big = await draft({ ...complete, scope: '市外', location: '江西井冈山', institution: '中国井冈山干部学院', headcount: 61, month: 9 });
      expect(await actOnPlan(deps, { id: big.id, version: big.version, action: 'submit', actor: 'x', channel: 'chat', now: DECLARING })).toMatchObject({ ok: false, error: 'blocked' });

      const may = await draft({ ...complete, scope: '市外', location: '江西井冈山', institution: '中国井冈山干部学院', headcount: 40, month: 5 });
      expect(await actOnPlan(deps, { id: may.id, version: may.version, action: 'submit', actor: 'x', channel: 'chat', now: DECLARING })).toMatchObject({ ok: false, error: 'needs_justification' });
      const justified = await editPlan(deps, { id: may.id, version: may.version, changes: { justification: '配合全国会议安排，只能在5月外出学习' }, actor: 'x', channel: 'chat', now: DECLARING });
      const v = justified.ok ? justified.plan.version : 0;
      const r = await actOnPlan(deps, { id: may.id, version: v, action: 'submit', actor: 'x', channel: 'chat', now: DECLARING });
      expect(r.ok).toBe(true);
      expect(r.ok && r.findings.map((f) => f.rule)).toEqual(['out_of_city_month']);
    });

    it('counts this year\'s other declared out-of-city plans of the unit in the quota', async () => {
      const second = await draft({ ...complete, scope: '市外', location: '江西井冈山', institution: '中国井冈山干部学院', headcount: 40, month: 9, title: '第二个市外班' });
      const r = await actOnPlan(deps, { id: second.id, version: second.version, action: 'submit', actor: 'x', channel: 'chat', now: DECLARING });
      // The May plan above was submitted: 150+30 staff allow one class a year.
      expect(r).toMatchObject({ ok: false, error: 'needs_justification' });
      expect(r.ok === false && 'findings' in r && r.findings.map((f) => f.rule)).toEqual(['out_of_city_quota']);
    });
  });
});
