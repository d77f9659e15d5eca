// What the reminders say: one entry per unit that still owes a declaration, per returned plan, and per
// moment for reviewers (plans not first-reviewed), each with its buttons and the short summary the log keeps.
import { button, crossValues } from '../../cards/actions.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDeadline, formatShortDateTime } from '../../domain/dates.ts';
import type { ReturnRequest } from '../../domain/review.ts';
import type { Slot } from '../../domain/reminders.ts';
import type { Unit } from '../../domain/units.ts';
import type { PlannedReminder } from '../../model/digest.ts';
import type { PlanRecord } from '../../ports/plans.ts';

type Entry = PlannedReminder['entries'][number];

/** The unreachable list's mark when there is no reviewer at all. */
export const NO_REVIEWER = '（没有审核人）';

const deadline = (slot: Slot, left: number) => `**${formatDeadline(slot.deadline)}**（${left <= 0 ? '今天截止' : `还有 ${left} 天`}）`;

/** A unit that neither submitted nor declared 无计划: its drafts, the deadline, and what to click. */
export function declareEntry(u: Unit, year: number, drafts: PlanRecord[], slot: Slot, left: number): Entry {
  const text = [
    `**${escapeMarkdown(u.name)}**：${year}年度培训计划还没有提交。申报截止：${deadline(slot, left)}。`,
    ...(drafts.length
      ? [`有 ${drafts.length} 份草稿还没有提交（${drafts.map((d) => `${d.number}《${escapeMarkdown(d.data.title ?? '未填写名称')}》`).join('、')}），提交后才算申报。`]
      : []),
    '没有培训计划的，请点「本年度无培训计划」登记。',
  ].join('\n');
  const buttons = [
    drafts.length ? button('继续填写草稿', crossValues.plan(drafts.at(-1)!.id, 'edit'), 'primary_filled') : button('去申报', crossValues.declare(), 'primary_filled'),
    button('下载模板', crossValues.template()),
    button('本年度无培训计划', crossValues.noPlan(year, false), 'text'),
  ];
  return { kind: 'declare', text, buttons, summary: `${u.name} 未提交${drafts.length ? `（草稿 ${drafts.length} 份）` : ''}` };
}

/** A returned plan: the reviewer's comment and the deadline to resubmit. */
export function reviseEntry(p: PlanRecord, ret: ReturnRequest | null, slot: Slot, left: number): Entry {
  const text = [
    `计划 ${p.number}《${escapeMarkdown(p.data.title ?? '')}》已被退回修改。`,
    ...(ret ? [`审核意见：「${escapeMarkdown(ret.comment)}」`] : []),
    `请于 **${formatDeadline(slot.deadline)}**（${left <= 0 ? '今天截止' : `还有 ${left} 天`}）前修改后重新提交，逾期系统关闭，不再受理。`,
  ].join('\n');
  return { kind: 'revise', text, buttons: [button('修改', crossValues.revise(p.id), 'primary_filled')], summary: `${p.number} 待修改` };
}

/** Plans listed by name in a reviewer's reminder; the rest are counted (「进度」 pages through them all). */
const REVIEW_LINES = 20;

export function reviewEntry(slot: Slot, plans: PlanRecord[], names: Map<string, string>): Entry {
  const lines = [
    ...plans.slice(0, REVIEW_LINES).map((p) => `- ${p.number} ${escapeMarkdown(names.get(p.unitCode) ?? p.unitCode)}《${escapeMarkdown(p.data.title ?? '')}》${p.submittedAt ? ` ${formatShortDateTime(p.submittedAt)} 提交` : ''}`),
    ...(plans.length > REVIEW_LINES ? [`……另有 ${plans.length - REVIEW_LINES} 个，发送「进度」查看全部待审计划`] : []),
  ];
  const text =
    slot.kind === 'review_same_day'
      ? [`今天提交的 ${plans.length} 个计划还没有初审（通知要求当天完成初审）：`, ...lines].join('\n')
      : [`<font color='red'>**以下 ${plans.length} 个计划提交后已超过当天仍未初审，请尽快处理：**</font>`, ...lines].join('\n');
  return { kind: slot.kind, text, buttons: [], summary: `${plans.length} 个待初审` };
}
