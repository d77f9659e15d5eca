// The execution alerts in words: a class's entry in a person's digest (before the start, at the start, after
// the end, overdue) and a unit's 补录 entry before Dec 31.
import { button } from '../../../cards/actions.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDeadline } from '../../../domain/dates.ts';
import { BACKFILL_FROM_YEAR, CIRCLED, classLabel, dueText, formatRange, STEPS } from '../../../domain/execution.ts';
import { STEP_LEAD_WORKING_DAYS, tentativeNote } from '../../../domain/working-days.ts';
import type { Slot } from '../../../domain/reminders.ts';
import type { PlannedReminder } from '../../../model/digest.ts';
import type { PlanExecution } from '../view.ts';

type Entry = PlannedReminder['entries'][number];

const stepNames = (steps: number[]) => steps.map((n) => `${CIRCLED[n]}${STEPS[n as 1].name}`).join('、');

export function classEntry(slot: Slot, p: PlanExecution, c: PlanExecution['classes'][number], missing: number[], unitName: string, forReviewer: boolean): Entry {
  const label = `**${classLabel(p.plan.number, c.cls.seq)}《${escapeMarkdown(p.plan.data.title ?? '')}》**`;
  const range = formatRange(c.cls.start, c.cls.end);
  const first = c.outcome.steps[missing[0]! - 1]!;
  const due = dueText(first);
  // A due day on a year with no holiday schedule is said to be tentative, with why.
  const note = first.tentative ? `\n<font color='grey'>※ 期限暂定：${escapeMarkdown(tentativeNote(c.tentativeYears))}。</font>` : '';
  const open = button('填报', { a: 'class', cls: c.cls.id, op: 'open' }, 'primary_filled');
  switch (slot.kind) {
    case 'exec_pre7':
    case 'exec_pre5':
      return {
        kind: slot.kind,
        text: `${label}　${range}\n${stepNames(missing)} 须在 **${due}**（开班前 ${STEP_LEAD_WORKING_DAYS} 个工作日）前完成${slot.kind === 'exec_pre5' ? '，<font color=\'red\'>今天是最后一天</font>' : ''}。${missing.includes(1) ? '培训包审核通过后方可开班。' : ''}〔通知 一、二(一)4〕${note}`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 待完成 ${missing.map((n) => CIRCLED[n]).join('')}`,
      };
    case 'exec_started': {
      const pkg = c.records.get(1);
      const state = !pkg ? '未报送' : pkg.status === 'submitted' ? '已报送，尚未审核' : '已退回修改';
      if (forReviewer) {
        return {
          kind: slot.kind,
          text: `<font color='red'>**${escapeMarkdown(unitName)}**</font> ${label}　${range}\n已开班，但培训包${state}（通知要求培训包经市工作领导小组审核后方可开班〔一〕）。`,
          buttons: [],
          summary: `${unitName} ${classLabel(p.plan.number, c.cls.seq)} 未审核即开班`,
        };
      }
      return {
        kind: slot.kind,
        text: `${label}　${range}\n<font color='red'>已开班，但培训包${state}。</font>通知要求培训包经市工作领导小组审核后方可开班〔一〕，市工作领导小组办公室已收到提示。请立即报送或联系审核人员。`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 未审核即开班`,
      };
    }
    case 'exec_post3':
      return {
        kind: slot.kind,
        text: `${label}　${range}\n${stepNames(missing)} 须在 **${due}**（结班后 ${STEP_LEAD_WORKING_DAYS} 个工作日内）前填报〔通知 一、二(一)5〕。${note}`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 待填报 ${missing.map((n) => CIRCLED[n]).join('')}`,
      };
    default:
      return {
        kind: slot.kind,
        text: `${label}　${range}\n<font color='red'>已超过填报期限（${due}）：${stepNames(missing)} 仍未填报。</font>${missing.some((n) => n >= 5) ? `结班后 ${STEP_LEAD_WORKING_DAYS} 个工作日内未完成⑤⑥等项目信息的单位，将调减下一年度培训预算〔通知 二(一)5〕。` : ''}请立即补报。${note}`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 逾期 ${missing.map((n) => CIRCLED[n]).join('')}`,
      };
  }
}

/** A plan with gaps, as a line of its unit's 补录 entry. */
export const backfillItem = (p: PlanExecution) => `${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》${p.outcome.missing.join('；')}`;

/** A unit's 补录 entry: how many plans miss data, by when (and how many days are left), the first eight. */
export function backfillEntry(unitName: string, items: string[], deadline: Date, left: number): Entry {
  return {
    kind: 'backfill',
    text: [
      `**${escapeMarkdown(unitName)}**：${BACKFILL_FROM_YEAR}年以来的培训项目还有 ${items.length} 个执行数据不全，请于 **${formatDeadline(deadline)}**（${left <= 0 ? '今天截止' : `还有 ${left} 天`}）前补录（六个步骤信息每一个缺报都视为未完成〔通知 一〕）：`,
      ...items.slice(0, 8).map((i) => `- ${i}`),
      ...(items.length > 8 ? [`……另有 ${items.length - 8} 个，发送「补录」查看全部`] : []),
      '未开展的计划请上传盖章的情况说明。',
    ].join('\n'),
    buttons: [button('获取补录模板', { a: 'history_template' }, 'primary_filled')],
    summary: `${unitName} 补录缺 ${items.length} 项`,
  };
}
