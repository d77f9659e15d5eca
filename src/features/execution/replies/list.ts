// 执行 and 补录 in words: the unit's list of plans with their classes at a glance (a page at a time, with the
// menus to act), or why there is nothing to report; and what 补录 still misses.
import { executionListCard, MENU_OPTIONS } from '../../../cards/execution-list-card.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { pagerRow, pageText, resendLine, weightedPageOf } from '../../../cards/paging.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDateTime } from '../../../domain/dates.ts';
import { BACKFILL_FROM_YEAR, CIRCLED, classLabel, formatRange, OUTCOME_LABELS } from '../../../domain/execution.ts';
import { STEP_LEAD_WORKING_DAYS, tentativeNote } from '../../../domain/working-days.ts';
import type { BackfillFacts, ExecutionListFacts } from '../list.ts';
import type { PlanExecution } from '../view.ts';

/** Class lines shown under a plan on the 执行 list (each about 170 bytes); the menu reaches every class. */
const CLASS_LINES = 10;
/** A page holds at most 8 plans and 40 classes (the menu's options), so it stays near 20 KB and 120 elements. */
const EXEC_PAGE = { max: 8, budget: MENU_OPTIONS, weight: (p: PlanExecution) => Math.max(1, p.classes.length) };

function planText(p: PlanExecution): string {
  const head = `**${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》**　${p.plan.data.scope ?? ''} · 批准 ${p.outcome.sessions} 期 · ${OUTCOME_LABELS[p.outcome.status]}`;
  const classes = p.classes.slice(0, CLASS_LINES).map((c) => {
    const marks = c.outcome.steps.map((s) => `${CIRCLED[s.step]}${s.done ? (s.late ? '🟡' : '✅') : s.pending === 'submitted' ? '⏳' : s.pending === 'returned' ? '↩️' : s.overdue ? '🔴' : s.dueSoon ? '🟠' : '⚪'}`).join(' ');
    return `第${c.cls.seq}期 ${formatRange(c.cls.start, c.cls.end)}${c.tentativeYears.length ? '（期限暂定）' : ''}\n${marks}`;
  });
  const hidden = p.classes.length - CLASS_LINES;
  const more = hidden > 0 ? [`……另有 ${hidden} 期，${p.classes.length > MENU_OPTIONS ? `菜单列出前 ${MENU_OPTIONS} 期，其余各期请发送「完成情况」查看` : '从下面的菜单选一期查看'}`] : [];
  const missing = p.outcome.missing.length ? [`<font color='red'>缺：${escapeMarkdown(p.outcome.missing.join('；'))}</font>`] : [];
  const room = p.classes.length < p.outcome.sessions ? [`还有 ${p.outcome.sessions - p.classes.length} 期未登记开班日期${p.statement ? '（已上传情况说明）' : ''}`] : [];
  return [head, ...classes, ...more, ...missing, ...room].join('\n');
}

/** 执行: the list card, or a notice when the years have no approved plan. */
export function executionListReply(f: ExecutionListFacts) {
  const { plans, years: ys } = f;
  if (!plans.length) {
    return noticeCard({
      title: `执行情况 · ${f.unitName}`,
      color: 'grey',
      body: `${ys.join('、')}年度没有审批通过的计划，暂无需要填报的执行情况。\n往年的培训项目请发送「补录」补录执行数据。`,
    });
  }
  const overdue = plans.some((p) => p.classes.some((c) => c.outcome.steps.some((s) => s.overdue)));
  const soon = plans.some((p) => p.classes.some((c) => c.outcome.steps.some((s) => s.dueSoon)));
  const shown = weightedPageOf(plans, f.page, EXEC_PAGE);
  const guessed = [...new Set(plans.flatMap((p) => p.classes.flatMap((c) => c.tentativeYears)))].sort((a, b) => a - b);
  const days = STEP_LEAD_WORKING_DAYS;
  return executionListCard({
    title: `执行情况 · ${f.unitName}`,
    subtitle: `${ys.join('、')}年度 · ${plans.length} 个审批通过的计划`,
    color: overdue ? 'red' : soon ? 'orange' : 'blue',
    intro: `①培训包审核 ②发布 ③报名审核 须在开班前 ${days} 个工作日完成〔通知 一、二(一)4〕；④签到 ⑤教培管理 ⑥结算 须在结班后 ${days} 个工作日内填报〔通知 一、二(一)5〕。✅已完成 🟡逾期完成 ⏳审核中 ↩️已退回修改 🟠快到期 🔴已逾期 ⚪未到期${guessed.length ? `\n期限暂定的：${tentativeNote(guessed)}。` : ''}`,
    plans: shown.items.map((p) => ({ text: planText(p) })),
    pageLine: shown.pages > 1 ? pageText(shown, '个计划') : '',
    classes: shown.items.flatMap((p) => p.classes.map((c) => ({ id: c.cls.id, label: `${classLabel(p.plan.number, c.cls.seq)} ${p.plan.data.title ?? ''}` }))),
    plansWithRoom: shown.items.filter((p) => p.classes.length < p.outcome.sessions).map((p) => ({ id: p.plan.id, label: `${p.plan.number} ${p.plan.data.title ?? ''}` })),
    pager: pagerRow(shown, 'exec', f.now, f.year),
    footer: '从上面的菜单选一期填报，或选一个计划登记开班日期（菜单列出本页的计划）。审批通过但不开展的计划，发送「上传情况说明 计划编号」上传盖章的情况说明。',
    resend: resendLine(`执行${f.year !== undefined ? ` ${f.year}` : ''}`),
  });
}

/** 补录: what the unit has on record since 2020, what is missing, and the deadline. */
export function backfillReply(f: BackfillFacts) {
  const { plans, thisYear: y } = f;
  const gaps = plans.filter((p) => p.outcome.missing.length);
  const deadline = f.closesAt ? formatDateTime(new Date(f.closesAt.getTime() - 1)) : `${y}年12月31日`;
  return noticeCard({
    title: `执行数据补录 · ${f.unitName}`,
    color: gaps.length ? 'orange' : 'green',
    body: [
      `${BACKFILL_FROM_YEAR}年以来审批通过的培训项目须补齐六个环节的数据，截止 **${deadline}**。`,
      `系统中本单位 ${BACKFILL_FROM_YEAR}–${y - 1} 年共 ${plans.length} 个计划，${plans.reduce((n, p) => n + p.classes.length, 0)} 期；数据不全的 ${gaps.length} 个：`,
      ...(gaps.length ? gaps.slice(0, 20).map((p) => `- ${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》${escapeMarkdown(p.outcome.missing.join('；'))}`) : ['（无）']),
      '',
      '已发送补录表（已预填系统中的计划和期次）。补齐后把文件直接发给我；系统中没有的往年项目，新增一行即可。未开展的计划请发送「上传情况说明 计划编号」。',
    ].join('\n'),
  });
}
