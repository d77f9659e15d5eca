// 单位年度计划完成情况 [seed 一; DOMAIN.md]: per unit and year, the approved classes, which of the six steps are
// complete, what is missing, the statements uploaded; and the units whose steps 5–6 were overdue, named for
// a reduced training budget next year [seed 二(一)5]. As a card (own unit for a declarant, all units for a
// reviewer) and as an Excel file.
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { CIRCLED, classLabel, formatRange, OUTCOME_LABELS, shortDay, stepSummary, STEPS, type StepNo } from '../../domain/execution.ts';
import { displayValue } from '../../domain/plan.ts';
import type { ExecutionDeps } from './deps.ts';
import { loadExecution, type PlanExecution } from './view.ts';

export type UnitSummary = {
  unitCode: string;
  unitName: string;
  plans: number;
  sessions: number;
  classes: number;
  completeClasses: number;
  plansWithGaps: number;
  statements: number;
  deviations: number;
  budgetFlag: boolean;
};

export type BudgetEntry = { unitCode: string; unitName: string; items: string[] };

export type Completion = { year: number; asOf: Date; plans: PlanExecution[]; units: UnitSummary[]; budget: BudgetEntry[]; names: Map<string, string> };

export async function completion(deps: ExecutionDeps, year: number, unitCode?: string): Promise<Completion> {
  const now = deps.clock.now();
  const plans = (await loadExecution(deps, { years: [year], unitCode }, now)).sort((a, b) => a.plan.unitCode.localeCompare(b.plan.unitCode) || a.plan.number.localeCompare(b.plan.number));
  const names = new Map((await deps.reference.units()).map((u) => [u.code, u.name]));
  const byUnit = new Map<string, PlanExecution[]>();
  for (const p of plans) byUnit.set(p.plan.unitCode, [...(byUnit.get(p.plan.unitCode) ?? []), p]);
  const units: UnitSummary[] = [];
  const budget: BudgetEntry[] = [];
  for (const [code, ps] of [...byUnit].sort((a, b) => a[0].localeCompare(b[0]))) {
    const unitName = names.get(code) ?? code;
    const flags = ps.flatMap((p) => p.outcome.budgetFlag.map((f) => `${classLabel(p.plan.number, f.seq)} ${CIRCLED[f.step]}${STEPS[f.step].name}${f.how === 'missing' ? '逾期未填报' : '逾期填报'}（应于 ${shortDay(f.due)} 前）`));
    units.push({
      unitCode: code,
      unitName,
      plans: ps.length,
      sessions: ps.reduce((n, p) => n + p.outcome.sessions, 0),
      classes: ps.reduce((n, p) => n + p.outcome.classes, 0),
      completeClasses: ps.reduce((n, p) => n + p.outcome.completeClasses, 0),
      plansWithGaps: ps.filter((p) => p.outcome.missing.length).length,
      statements: ps.filter((p) => p.statement).length,
      deviations: ps.reduce((n, p) => n + p.outcome.deviations, 0),
      budgetFlag: flags.length > 0,
    });
    if (flags.length) budget.push({ unitCode: code, unitName, items: flags });
  }
  return { year, asOf: now, plans, units, budget, names };
}

const stepMarks = (p: PlanExecution['classes'][number]) =>
  p.outcome.steps.map((s) => (s.done ? (s.late ? '🟡' : '✅') : s.pending === 'submitted' ? '⏳' : s.overdue ? '🔴' : '⚪')).join('');

function planLines(p: PlanExecution): string {
  const o = p.outcome;
  const head = `**${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》** ${p.plan.data.scope ?? ''} · ${OUTCOME_LABELS[o.status]} · 已登记 ${o.classes}/${o.sessions} 期`;
  const lines = [o.status === 'missing' ? `<font color='red'>${head}</font>` : head];
  for (const c of p.classes) lines.push(`　第${c.cls.seq}期 ${formatRange(c.cls.start, c.cls.end)}　${stepMarks(c)}${c.outcome.deviations.length ? '　⚠️与计划不一致' : ''}`);
  if (o.missing.length) lines.push(`　<font color='red'>缺：${escapeMarkdown(o.missing.join('；'))}</font>`);
  if (p.statement) lines.push('　📎 已上传情况说明');
  return lines.join('\n');
}

const LEGEND = '①培训包审核 ②发布 ③报名审核 ④签到 ⑤教培管理 ⑥结算　✅按时 🟡逾期完成 ⏳审核中 🔴逾期未报 ⚪未到期';

/** The declarant's card: each approved plan of their unit, its classes and steps. */
export function unitCompletionCard(c: Completion, unitName: string) {
  const u = c.units[0];
  const body = c.plans.length
    ? [
        `${c.year}年度审批通过 ${u?.plans ?? 0} 个计划、${u?.sessions ?? 0} 期，已登记 ${u?.classes ?? 0} 期，六个环节全部完成 ${u?.completeClasses ?? 0} 期。`,
        ...(c.budget.length ? [`<font color='red'>⑤⑥逾期：${escapeMarkdown(c.budget[0]!.items.join('；'))}。按通知将压减下一年度培训经费。</font>`] : []),
        '',
        ...c.plans.map(planLines),
      ].join('\n')
    : `${c.year}年度没有审批通过的计划。`;
  return noticeCard({
    title: `${c.year}年度计划完成情况 · ${unitName}`,
    color: c.budget.length || c.plans.some((p) => p.outcome.status === 'missing') ? 'red' : 'blue',
    body,
    buttons: c.plans.length ? [button('导出 Excel', { a: 'completion_file', year: c.year }), button('填报执行情况', { a: 'exec_list' }, 'primary')] : [],
    footer: `${LEGEND}\n统计时间：${formatDateTime(c.asOf)}`,
  });
}

/** The reviewer's card: totals, the units with gaps, and the budget-reduction list. */
export function allCompletionCard(c: Completion) {
  const total = (k: keyof UnitSummary) => c.units.reduce((n, u) => n + (u[k] as number), 0);
  const gaps = c.units.filter((u) => u.plansWithGaps > 0);
  const shown = 20;
  const body = [
    `${c.year}年度：${c.units.length} 个单位、${total('plans')} 个计划、批准 ${total('sessions')} 期；已登记 ${total('classes')} 期，六个环节全部完成 ${total('completeClasses')} 期；已上传情况说明 ${total('statements')} 个；培训包与计划不一致 ${total('deviations')} 处。`,
    '',
    `**有缺项的单位（${gaps.length} 个）**`,
    ...(gaps.length ? gaps.slice(0, shown).map((u) => `- ${escapeMarkdown(u.unitName)}：${u.plansWithGaps} 个计划有缺项，已完成 ${u.completeClasses}/${u.classes} 期`) : ['（无）']),
    ...(gaps.length > shown ? [`……另有 ${gaps.length - shown} 个，见 Excel`] : []),
    '',
    `**⑤⑥逾期、拟压减下一年度培训经费的单位（${c.budget.length} 个）** [通知 二(一)5]`,
    ...(c.budget.length ? c.budget.slice(0, shown).map((b) => `- <font color='red'>${escapeMarkdown(b.unitName)}</font>：${escapeMarkdown(b.items.slice(0, 3).join('；'))}${b.items.length > 3 ? ` 等 ${b.items.length} 项` : ''}`) : ['（无）']),
  ].join('\n');
  return noticeCard({
    title: `${c.year}年度单位计划完成情况`,
    color: c.budget.length ? 'red' : gaps.length ? 'orange' : 'green',
    body,
    buttons: [button('导出 Excel', { a: 'completion_file', year: c.year }, 'primary')],
    footer: `统计时间：${formatDateTime(c.asOf)}。Excel 含每一期的六个环节、单位汇总和压减经费名单。`,
  });
}

export type CompletionSheet = {
  title: string;
  asOf: string;
  classes: {
    unitCode: string;
    unitName: string;
    planNumber: string;
    title: string;
    scope: string;
    budget: string;
    seq: string;
    dates: string;
    steps: string[];
    status: string;
    missing: string;
    deviations: string;
    statement: string;
  }[];
  units: (UnitSummary & { status: string })[];
  budget: { unitCode: string; unitName: string; items: string }[];
};

function stepCell(c: PlanExecution['classes'][number], n: StepNo): string {
  const s = c.outcome.steps[n - 1]!;
  const r = c.records.get(n);
  if (s.done && r) return `${s.late ? '逾期完成' : '完成'}：${stepSummary(n, r.data)}`;
  if (s.pending === 'submitted') return '审核中';
  if (s.pending === 'returned') return '已退回';
  return s.overdue ? `缺（应于 ${shortDay(s.due)} 前）` : `未到期（${shortDay(s.due)} 前）`;
}

export function completionSheet(c: Completion): CompletionSheet {
  const classes: CompletionSheet['classes'] = [];
  for (const p of c.plans) {
    const base = {
      unitCode: p.plan.unitCode,
      unitName: c.names.get(p.plan.unitCode) ?? p.plan.unitCode,
      planNumber: p.plan.number,
      title: p.plan.data.title ?? '',
      scope: p.plan.data.scope ?? '',
      budget: p.plan.data.budget !== undefined ? displayValue('budget', p.plan.data.budget) : '',
      status: OUTCOME_LABELS[p.outcome.status],
      missing: p.outcome.missing.join('；'),
      statement: p.statement ? '已上传' : '',
    };
    if (!p.classes.length) classes.push({ ...base, seq: '', dates: '', steps: ['', '', '', '', '', ''], deviations: '' });
    for (const cl of p.classes) {
      classes.push({
        ...base,
        seq: `第${cl.cls.seq}期`,
        dates: formatRange(cl.cls.start, cl.cls.end),
        steps: ([1, 2, 3, 4, 5, 6] as StepNo[]).map((n) => stepCell(cl, n)),
        deviations: cl.outcome.deviations.map((d) => d.message).join('；'),
      });
    }
  }
  return {
    title: `${c.year}年度单位计划完成情况`,
    asOf: formatDateTime(c.asOf),
    classes,
    units: c.units.map((u) => ({ ...u, status: u.plansWithGaps ? '有缺项' : u.completeClasses === u.classes && u.classes ? '已完成' : '进行中' })),
    budget: c.budget.map((b) => ({ unitCode: b.unitCode, unitName: b.unitName, items: b.items.join('；') })),
  };
}
