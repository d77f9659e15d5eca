// 补录 of execution since 2020 [seed 一]: the admin imports a sheet for all units (history:import), and a
// declarant uploads one for their unit (checked, then 确认导入). Nothing is stored unless every row is valid;
// importing is idempotent: plans are matched by number or by year, unit and title; classes by 期次; a step
// already on record is kept, never overwritten, so the same file twice changes nothing.
import crypto from 'node:crypto';
import { button, crossValues } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { beijingInstant, beijingYmd, formatDateTime, ymdParts } from '../../domain/dates.ts';
import { groupHistory, readHistoryRow, type HistoryKey, type HistoryProblem, type HistoryRow } from '../../domain/execution-history.ts';
import { attendanceDeviations, BACKFILL_FROM_YEAR, backfillYears, classLabel, packageDeviations, STEP_NOS, type StepNo } from '../../domain/execution.ts';
import { matchKey } from '../../domain/parse.ts';
import type { Person } from '../../domain/people.ts';
import { APPROVED_STATUSES } from '../../domain/plan-status.ts';
import type { Logger } from '../../logger.ts';
import type { CardResponse } from '../../inbound.ts';
import type { ExecutionDeps } from './deps.ts';
import { loadExecution } from './view.ts';
import type { Reply } from '../../bot/reply.ts';
import { fileRoute } from '../../bot/manifest.ts';
import type { SheetRead } from '../../ports/sheets.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import { diffData } from '../../domain/plan-changes.ts';

export type HistoryCheck = { rows: number; problems: HistoryProblem[]; groups: HistoryRow[][] };

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
    if (!plan) problems.push({ row: g[0]!.row, key: 'number', message: `系统中没有计划 ${number}；不知道编号可以不填` });
    else if (plan.unitCode !== g[0]!.unitCode) problems.push({ row: g[0]!.row, key: 'number', message: `计划 ${number} 不是这个单位的` });
    else if (!APPROVED_STATUSES.includes(plan.status)) problems.push({ row: g[0]!.row, key: 'number', message: `计划 ${number} 没有审批通过` });
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows: rows.length, problems, groups: grouped.groups };
}

export type HistoryResult = { plansCreated: number; plansMatched: number; classesCreated: number; classesKept: number; stepsAdded: number; stepsKept: number; conflicts: string[] };

export function describeHistory(r: HistoryResult): string[] {
  return [
    `计划：新建 ${r.plansCreated} 个（补录的往年计划），匹配已有 ${r.plansMatched} 个`,
    `期次：新登记 ${r.classesCreated} 期，已有 ${r.classesKept} 期`,
    `环节：补录 ${r.stepsAdded} 项，已有记录保持不变 ${r.stepsKept} 项`,
    ...(r.conflicts.length ? [`与已有记录不一致、未修改的 ${r.conflicts.length} 处：`, ...r.conflicts.map((c) => `  ${c}`)] : []),
  ];
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
        event: { at: now, actor, action: 'backfill', fromStatus: null, toStatus: 'PUBLISHED', comment: `补录：${first.year}年度审批通过的计划`, changes: diffData({}, data), channel },
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
        if (cls.start !== row.cls.start || cls.end !== row.cls.end) r.conflicts.push(`第 ${row.row} 行：${classLabel(plan.number, seq)} 已登记为 ${cls.start}–${cls.end}，日期未修改`);
      } else {
        cls = await deps.classes.add({ planId: plan.id, seq, start: row.cls.start, end: row.cls.end, source: 'backfill', at: now, event: ev('backfill', `第${seq}期 ${row.cls.start}–${row.cls.end}`) });
        if (!cls) {
          r.conflicts.push(`第 ${row.row} 行：${classLabel(plan.number, seq)} 刚刚被登记，未修改`);
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
          ...(n === 1 ? { review: { by: actor, at: given.on ? beijingInstant(given.on, 12) : now, comment: '补录' } } : {}),
          event: { ...ev('backfill', `第${seq}期 第${n}环节`, { classId: cls.id, step: n, data: given.data }), planId: plan.id },
        });
        if (saved) r.stepsAdded++;
        else r.stepsKept++;
      }
    }
  }
  log.info({ ...r, conflicts: r.conflicts.length }, 'history imported');
  return r;
}

const SHOWN = 20;
/** A 补录 sheet is read within the same limit as a declaration sheet. */
const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/**
 * A declarant's 补录 upload, told from a declaration sheet by its columns: checked now, imported on 确认导入.
 * Anything else (another sheet, a file that cannot be downloaded) goes on to the Excel feature, which says why.
 */
export const historyUpload = (deps: ExecutionDeps) =>
  fileRoute({
    order: 30,
    audience: 'declarant',
    take: async (ctx) => {
      const file = { messageId: ctx.message.messageId, fileName: ctx.message.file.fileName };
      if (!/\.(xlsx|xlsm)$/i.test(file.fileName)) return false;
      const data = await ctx.download(MAX_SHEET_BYTES).catch(() => null);
      const read = data && (await ctx.once('history', () => deps.executionSheets.readHistory(data, file.fileName, ctx.wait)));
      if (!data || !read?.ok) return false;
      await checkUpload(deps, ctx.person, file, data, read, ctx.reply, ctx.log);
      return true;
    },
  });

async function checkUpload(deps: ExecutionDeps, person: Person & { unitCode: string }, file: { messageId: string; fileName: string }, data: Buffer, read: Extract<SheetRead, { ok: true }>, reply: Reply, log: Logger) {
  const check = await checkHistory(deps, read.rows, person.unitCode);
  log.info({ rows: check.rows, problems: check.problems.length }, 'history upload checked');
  if (check.problems.length) {
    const lines = check.problems.slice(0, SHOWN).map((p) => `- 第 ${p.row} 行「${p.key ? deps.executionSheets.historyHeaderOf(p.key) : '整行'}」：${escapeMarkdown(p.message)}`);
    await reply.card(
      noticeCard({
        title: `「${file.fileName}」有 ${check.problems.length} 处问题，没有导入`,
        color: 'red',
        body: [`读取 ${check.rows} 行。为避免只导入一部分，这次没有保存任何内容。`, '', ...lines, ...(check.problems.length > SHOWN ? [`……另有 ${check.problems.length - SHOWN} 处，见下一条消息中标注好的文件。`] : [])].join('\n'),
        footer: '标红的单元格已在文件中加了批注。改好后重新发送整个文件即可。',
      }),
    );
    const annotated = await deps.executionSheets.annotate(data, read.sheetName, check.problems.map((p) => ({ row: p.row, column: p.key ? (read.columns[p.key] ?? null) : null, message: p.message })));
    await reply.file(`${file.fileName.replace(/\.xlsx?m?$/i, '')}（问题标注）.xlsx`, annotated);
    return;
  }
  const hash = `history:${crypto.createHash('sha256').update(JSON.stringify(check.groups)).digest('hex')}`;
  const year = ymdParts(beijingYmd(deps.clock.now())).y;
  const saved = await deps.historyUploads.save({ openId: person.openId, unitCode: person.unitCode, year, contentHash: hash, fileName: file.fileName, rows: read.rows, at: deps.clock.now() });
  if (saved.status === 'imported') return reply.text(`这个文件的内容已于 ${formatDateTime(saved.importedAt!)} 导入过，没有重复导入。`);
  const classes = check.groups.flat().filter((r) => r.cls).length;
  const steps = check.groups.flat().reduce((n, r) => n + Object.keys(r.steps).length, 0);
  await reply.card(
    noticeCard({
      title: `「${file.fileName}」检查通过`,
      color: 'green',
      body: [
        `读取 ${check.rows} 行，全部符合要求：${check.groups.length} 个计划、${classes} 期、${steps} 项环节数据。`,
        '',
        ...check.groups.slice(0, SHOWN).map((g) => `- ${g[0]!.year}年《${escapeMarkdown(g[0]!.plan.title ?? '')}》${g.filter((r) => r.cls).length} 期`),
        ...(check.groups.length > SHOWN ? [`……共 ${check.groups.length} 个计划`] : []),
        '',
        '已有的记录不会被覆盖，只补齐空缺的环节。',
      ].join('\n'),
      buttons: [button('确认导入', { a: 'history_import', id: saved.id }, 'primary_filled'), button('不导入', crossValues.excelCancel(saved.id), 'danger_text')],
    }),
  );
}

export async function confirmHistory(deps: ExecutionDeps, person: Person | null, id: number, log: Logger): Promise<CardResponse> {
  if (!person?.unitCode) return { toast: { type: 'error', content: '您还没有关联单位' } };
  const imp = await deps.historyUploads.get(id);
  if (!imp || imp.unitCode !== person.unitCode) return { toast: { type: 'error', content: '找不到这次上传' } };
  if (imp.status === 'imported') return { toast: { type: 'info', content: `已于 ${formatDateTime(imp.importedAt!)} 导入` } };
  if (imp.status === 'cancelled') return { toast: { type: 'info', content: '这次上传已取消，请重新发送文件' } };
  // Checked again: plans or classes may have been recorded since.
  const check = await checkHistory(deps, imp.rows as { row: number; values: Partial<Record<string, string>> }[], person.unitCode);
  if (check.problems.length) return { toast: { type: 'error', content: `情况有变化：第 ${check.problems[0]!.row} 行 ${check.problems[0]!.message}。请重新发送文件` } };
  if (!(await deps.historyUploads.finish(imp.id, imp.version, deps.clock.now(), []))) return { toast: { type: 'info', content: '这个文件已经处理过了' } };
  const r = await applyHistory(deps, check.groups, person.openId, 'excel', log);
  return {
    toast: { type: 'success', content: `已补录 ${r.stepsAdded} 项` },
    card: noticeCard({ title: '补录完成', color: 'green', body: describeHistory(r).map(escapeMarkdown).join('\n'), footer: '发送「补录」查看本单位还缺哪些数据，「完成情况」查看年度完成情况。' }),
  };
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
  return { name: `${BACKFILL_FROM_YEAR}年以来培训执行数据补录表${unit ? `（${unit.name}）` : ''}.xlsx`, data };
}
