// A class in words: why a plan or a class cannot be acted on, the toasts of the class and step actions, the
// notes at the top of the class card, and the form to record a new class.
import { classCard, newClassCard } from '../../../cards/class-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { execFinding, type ExecFinding } from '../../../domain/execution-checks.ts';
import { CIRCLED, classLabel, formatRange, STEPS, yuanText } from '../../../domain/execution.ts';
import { findingLine } from '../../../domain/findings.ts';
import type { CardResponse, Toast } from '../../../inbound.ts';
import type { ClassAnswer, ClassCardFacts, ClassNotice, ClassToast, NewClassFacts, PlainClassToast, PlanRefusal } from '../types.ts';
import { toast } from './toasts.ts';

export const CLASS_NOT_FOUND = '找不到这一期培训';

export function planRefusalText(r: PlanRefusal): string {
  if (r.reason === 'not_approved') return `计划 ${r.number} 还没有审批通过，不能登记执行情况`;
  return r.reason === 'unlinked' ? '您还没有关联单位' : '找不到这个计划';
}

/** Every class approved is recorded (with where to change dates, when asked for a new one). */
export const planFullText = (number: string, sessions: number, hint: boolean) => `计划 ${number} 批准 ${sessions} 期，已全部登记${hint ? '。如日期有变，请在那一期的卡片上「修改日期」' : ''}`;

const warn = (lines: (string | ExecFinding)[]) =>
  lines.length ? lines.map((l) => `<font color='orange'>⚠️ ${escapeMarkdown(typeof l === 'string' ? l : findingLine(l))}</font>`).join('\n') : undefined;

const stepName = (step: keyof typeof STEPS) => `${CIRCLED[step]}${STEPS[step].name}`;

function noticeText(n: ClassNotice): string | undefined {
  switch (n.kind) {
    case 'recorded':
      return warn(n.warnings) ?? `已登记。下一步：点「报送①培训包」，审核通过后方可开班。`;
    case 'warnings':
      return warn(n.warnings);
    case 'cancelled':
      return '这一期已取消，不再提醒。如需重新登记，发送「执行」。';
    case 'package_sent': {
      const notes = [...(n.flags.length ? ['与批准的计划或通知的要求不一致（审核人员会看到）：', ...n.flags] : []), ...(n.attachments ? [] : ['还没有附件。如有培训方案、课程表等，请直接把文件发给我。'])];
      return [`已报送培训包，等待审核（审核通过后方可开班）。`, ...(warn(notes) ? [warn(notes)!] : [])].join('\n');
    }
    case 'step_saved': {
      const warnings: ExecFinding[] = [...n.warnings];
      if (n.overBudget) {
        const { total, budget } = n.overBudget;
        warnings.push(execFinding('settled_over_budget', 'amount', `本计划已结算合计 ${yuanText(total)}，超出批准的经费预算 ${yuanText(budget)}（超出 ${yuanText(Math.round((total - budget) * 100) / 100)}）`));
      }
      if (n.late) warnings.push(execFinding(n.late.window === 'before' ? 'steps_before_start' : 'steps_after_end', null, `这一步应于 ${n.late.due} 前填报，已逾期`, '已记为逾期完成，请以后按期填报'));
      return warn(warnings) ?? `已保存${stepName(n.step)}。`;
    }
  }
}

/** The class card of these facts. */
export function classCardReply(c: ClassCardFacts) {
  return classCard(c.view, { form: c.form, datesForm: c.datesForm, confirmCancel: c.confirmCancel ?? false, notice: c.notice ? noticeText(c.notice) : undefined });
}

/** The form to record the next class of a plan. */
export function newClassReply(f: NewClassFacts) {
  return newClassCard({
    planId: f.plan.id,
    planNumber: f.plan.number,
    title: f.plan.data.title ?? '',
    plan: f.plan.data,
    seq: f.seq,
    existing: f.existing.map((c) => `- 第${c.seq}期　${formatRange(c.start, c.end)}`),
    values: f.values,
    errors: f.errors,
  });
}

type ToastType = Toast['type'];

const TOASTS: Record<PlainClassToast, [ToastType, string]> = {
  not_recorded: ['error', '登记没有成功，请稍后重试'],
  dates_unchanged: ['info', '日期没有变化'],
  class_changed_meanwhile: ['warning', '这一期刚刚被别人修改过，已显示最新内容'],
  stale_card: ['warning', '这一期在卡片发出后已有变化，已显示最新内容'],
  dates_changed: ['success', '已修改日期'],
  has_steps: ['error', '这一期已经填报过执行情况，不能取消'],
  class_cancelled: ['success', '已取消这一期'],
  cancelled: ['error', '这一期已取消'],
  package_final_ask: ['info', '培训包已审核通过，不能再修改；如需变更请联系审核人员'],
  package_final: ['info', '培训包已审核通过，不能再修改'],
  package_submitted: ['success', '已提交审核'],
};

function toastOf(t: ClassToast): [ToastType, string] {
  switch (t.kind) {
    case 'plan_full':
      return ['error', planFullText(t.number, t.sessions, t.hint)];
    case 'invalid':
      return ['error', t.error];
    case 'recorded':
      return ['success', `已登记${classLabel(t.number, t.seq)}`];
    case 'blocked':
      return ['warning', t.text];
    case 'fill':
      return ['info', `请填写${stepName(t.step)}`];
    case 'step_saved':
      return ['success', `已保存${stepName(t.step)}`];
    case 'step_invalid':
      return ['error', `有 ${t.count} 项需要修改`];
    case 'step_changed_meanwhile':
      return ['warning', t.form ? '这一步刚刚被别人（或另一个窗口）填报过，已显示最新内容，请核对' : '这一步刚刚被别人填报过，已显示最新内容，请核对'];
    default:
      return TOASTS[t.kind];
  }
}

/** A class action's answer as the card callback gives it. */
export function classReply(a: ClassAnswer): CardResponse {
  const [type, text] = toastOf(a.toast);
  return toast(type, text, a.card ? classCardReply(a.card) : a.newClass ? newClassReply(a.newClass) : undefined);
}
