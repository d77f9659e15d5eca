// 补录 of execution since 2020 [seed 一]: the admin imports a sheet for all units (history:import), and a
// declarant uploads one for their unit (checked, then 确认导入). Nothing is stored unless every row is valid;
// importing is idempotent: plans are matched by number or by year, unit and title; classes by 期次; a step
// already on record is kept, never overwritten, so the same file twice changes nothing. (The upload: history-upload.ts.)
import { beijingInstant, beijingYmd } from '../../domain/dates.ts';
import { groupHistory, readHistoryRow, type HistoryKey, type HistoryProblem, type HistoryRow } from '../../domain/execution-history.ts';
import { attendanceDeviations, BACKFILL_FROM_YEAR, backfillYears, classLabel, packageDeviations, STEP_NOS, type StepNo } from '../../domain/execution.ts';
import { matchKey } from '../../domain/parse.ts';
import { APPROVED_STATUSES } from '../../domain/plan-status.ts';
import type { Logger } from '../../logger.ts';
import type { ExecutionDeps } from './deps.ts';
import type { HistoryCheck, HistoryResult } from './types.ts';
import { loadExecution } from './view.ts';
import { HISTORY_EVENTS, historyTemplateName, planNumberProblem } from './replies/history.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import { diffData } from '../../domain/plan-changes.ts';


/** Reads and checks every row of a 补录 sheet. */
export async function checkHistory(deps: ExecutionDeps, rows: { row: number; values: Partial<Record<string, string>> }[], allowedCompetent?: string): Promise<HistoryCheck> {
  const units = await deps.registry.units();
  const today = beijingYmd(deps.clock.now());
  const problems: HistoryProblem[] = [];
  const ok: HistoryRow[] = [];
  for (const r of rows) {
    const read = readHistoryRow(r.row, r.values as Partial<Record<HistoryKey, string>>, { today, units, allowedCompetent });
    if (read.ok) ok.push(read.value);
    else problems.push(...read.problems);
  }
  const grouped = groupHistory(ok);
  problems.push(...grouped.problems);
  // A given plan number must be that unit's approved plan of that year.
  for (const g of grouped.groups) {
    const number = g[0]!.number;
    if (!number) continue;
    const plan = await deps.plans.byNumber(number);
    const wrong = !plan ? 'unknown' : plan.unitCode !== g[0]!.unitCode ? 'other_unit' : !APPROVED_STATUSES.includes(plan.status) ? 'not_approved' : null;
    if (wrong) problems.push({ row: g[0]!.row, key: 'number', message: planNumberProblem(wrong, number) });
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows: rows.length, problems, groups: grouped.groups };
}


async function findPlan(deps: ExecutionDeps, g: HistoryRow[]): Promise<PlanRecord | null> {
  const first = g[0]!;
  if (first.number) return deps.plans.byNumber(first.number);
  const candidates = await deps.plans.list({ unitCode: first.unitCode, year: first.year, statuses: APPROVED_STATUSES });
  const key = matchKey(first.plan.title ?? '');
  return candidates.find((p) => matchKey(p.data.title ?? '') === key) ?? null;
}

/** Applies checked groups (see the module comment for what is matched and what is kept). */
export async function applyHistory(deps: ExecutionDeps, groups: HistoryRow[][], actor: string, channel: Channel, log: Logger): Promise<HistoryResult> {
  const now = deps.clock.now();
  const bases = await deps.bases.all();
  const r: HistoryResult = { plansCreated: 0, plansMatched: 0, classesCreated: 0, classesKept: 0, stepsAdded: 0, stepsKept: 0, conflicts: [] };
  const ev = (action: string, what: string, details: Record<string, unknown> = {}) => ({ at: now, actor, action, fromStatus: null, toStatus: null, comment: null, changes: null, details: { ...details, what }, channel });
  for (const g of groups) {
    const first = g[0]!;
    let plan = await findPlan(deps, g);
    if (plan) r.plansMatched++;
    else {
      const classes = g.filter((x) => x.cls).length;
      const data = { ...first.plan, sessions: Math.max(first.plan.sessions ?? 0, classes, 1) };
      plan = await deps.plans.create({
        year: first.year,
        unitCode: first.unitCode,
        data,
        status: 'PUBLISHED',
        event: { at: now, actor, action: 'backfill', fromStatus: null, toStatus: 'PUBLISHED', comment: HISTORY_EVENTS.planComment(first.year), changes: diffData({}, data), channel },
      });
      r.plansCreated++;
    }
    const existing = await deps.classes.of([plan.id]);
    for (const row of g) {
      if (!row.cls) continue;
      const seq = row.cls.seq!;
      let cls = existing.find((c) => c.seq === seq) ?? null;
      if (cls) {
        r.classesKept++;
        if (cls.start !== row.cls.start || cls.end !== row.cls.end) r.conflicts.push({ row: row.row, label: classLabel(plan.number, seq), kind: 'dates', start: cls.start, end: cls.end });
      } else {
        cls = await deps.classes.add({ planId: plan.id, seq, start: row.cls.start, end: row.cls.end, source: 'backfill', at: now, event: ev('backfill', HISTORY_EVENTS.cls(seq, row.cls.start, row.cls.end)) });
        if (!cls) {
          r.conflicts.push({ row: row.row, label: classLabel(plan.number, seq), kind: 'taken' });
          continue;
        }
        existing.push(cls);
        r.classesCreated++;
      }
      const steps = new Map((await deps.steps.of([cls.id])).map((s) => [s.step, s] as const));
      for (const n of STEP_NOS) {
        const given = row.steps[n as StepNo];
        if (!given) continue;
        const have = steps.get(n);
        if (have?.status === 'done') {
          r.stepsKept++;
          continue;
        }
        const saved = await deps.steps.put({
          classId: cls.id,
          step: n,
          expectedVersion: have ? have.version : null,
          status: 'done',
          data: given.data,
          flags: n === 1 ? packageDeviations(plan.data, given.data, bases, row.cls) : n === 4 ? attendanceDeviations(plan.data.scope, given.data.attended) : undefined,
          reportedAt: given.on ? beijingInstant(given.on, 12) : now,
          reportedBy: actor,
          at: now,
          source: 'backfill',
          ...(n === 1 ? { review: { by: actor, at: given.on ? beijingInstant(given.on, 12) : now, comment: HISTORY_EVENTS.review } } : {}),
          event: { ...ev('backfill', HISTORY_EVENTS.step(seq, n), { classId: cls.id, step: n, data: given.data }), planId: plan.id },
        });
        if (saved) r.stepsAdded++;
        else r.stepsKept++;
      }
    }
  }
  log.info({ ...r, conflicts: r.conflicts.length }, 'history imported');
  return r;
}

/** The 补录 template, pre-filled with what the unit (or, for the CLI, every unit) has on record since 2020. */
export async function historyTemplateFile(deps: ExecutionDeps, unitCode?: string): Promise<{ name: string; data: Buffer }> {
  const now = deps.clock.now();
  const plans = unitCode ? await loadExecution(deps, { years: backfillYears(now), unitCode }, now) : [];
  const unit = unitCode ? await deps.registry.unit(unitCode) : null;
  const rows: Partial<Record<HistoryKey, string | number>>[] = [];
  for (const p of plans) {
    const base = {
      year: p.plan.year,
      number: p.plan.number,
      budgetCode: p.plan.data.budgetCode ?? p.plan.unitCode,
      unitName: p.plan.data.unitName ?? unit?.name ?? '',
      title: p.plan.data.title ?? '',
      scope: p.plan.data.scope ?? '',
      mode: p.plan.data.mode ?? '',
      institution: p.plan.data.institution ?? '',
      location: p.plan.data.location ?? '',
      ...(p.plan.data.headcount ? { headcount: p.plan.data.headcount } : {}),
      ...(p.plan.data.sessions ? { sessions: p.plan.data.sessions } : {}),
      ...(p.plan.data.budget !== undefined ? { budget: p.plan.data.budget } : {}),
    };
    if (!p.classes.length) rows.push(base);
    for (const c of p.classes) {
      const d = (n: StepNo) => c.records.get(n)?.status === 'done' ? c.records.get(n)!.data : null;
      const s1 = c.records.get(1);
      rows.push({
        ...base,
        seq: c.cls.seq,
        start: c.cls.start,
        end: c.cls.end,
        ...(s1?.status === 'done' ? { packageOn: beijingYmd(s1.reviewedAt ?? s1.reportedAt) } : {}),
        ...(d(2) ? { publishedOn: String(d(2)!.publishedOn) } : {}),
        ...(d(3) ? { registered: Number(d(3)!.registered), accepted: Number(d(3)!.accepted) } : {}),
        ...(d(4) ? { attended: Number(d(4)!.attended) } : {}),
        ...(d(5) ? { teachers: String(d(5)!.teachers), courses: String(d(5)!.courses), hours: Number(d(5)!.hours) } : {}),
        ...(d(6) ? { amount: Number(d(6)!.amount) } : {}),
      });
    }
  }
  const data = await deps.executionSheets.historyTemplate({ unitName: unit?.name, rows, fromYear: BACKFILL_FROM_YEAR });
  return { name: historyTemplateName(unit?.name ?? null), data };
}
