// The training package in words: the reviewer's card (its processing record, the decision once made, the
// return form's problems), the toasts of the reviewer's buttons, and what the unit hears of a decision.
import { button } from '../../../cards/actions.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { packageReviewCard } from '../../../cards/package-card.ts';
import { escapeMarkdown, type CardJson } from '../../../cards/render.ts';
import { formatDateTime, formatShortDateTime, type Ymd } from '../../../domain/dates.ts';
import { classLabel, dueText, formatRange } from '../../../domain/execution.ts';
import { tentativeNote } from '../../../domain/working-days.ts';
import type { CardResponse } from '../../../inbound.ts';
import type { PackageAnswer, PackageCardFacts, PackageEvent, PackageOutcome, PackageToast, ReturnError } from '../types.ts';
import type { LoadedClass } from '../view.ts';
import { RETURN_COMMENT, toast } from './toasts.ts';

const WORDS: Record<PackageEvent['action'], string> = { package_submit: '报送', package_return: '退回', package_approve: '审核通过' };

function outcomeOf(o: PackageOutcome) {
  if (o.status === 'done') return { title: '已通过', text: `${o.by} 于 ${formatDateTime(o.at)} 审核通过`, color: 'green' as const };
  if (o.status === 'returned') return { title: '已退回', text: `${o.by} 于 ${formatDateTime(o.at)} 退回修改`, color: 'red' as const };
  return { title: '已有新版本', text: `单位于 ${formatDateTime(o.at)} 修改后重新报送，请看新的卡片`, color: 'grey' as const };
}

const returnErrorText = (e: ReturnError) => (e === 'empty' ? RETURN_COMMENT.empty : RETURN_COMMENT.tooLong);

/** The reviewer's package card of these facts. */
export function packageCardReply(c: PackageCardFacts): CardJson {
  const history = c.view.history.map((e) => `${formatShortDateTime(e.at)} ${escapeMarkdown(e.who)} ${WORDS[e.action]}${e.comment ? `：${escapeMarkdown(e.comment)}` : ''}`);
  const view = { ...c.view, history: history.length > 1 ? ['**处理记录**', ...history] : [] };
  return packageReviewCard(view, { outcome: c.outcome ? outcomeOf(c.outcome) : undefined, returnForm: c.returnForm ? { errors: c.returnForm.errors.map(returnErrorText) } : undefined });
}

function toastOf(t: PackageToast): [NonNullable<CardResponse['toast']>['type'], string] {
  switch (t.kind) {
    case 'not_found':
      return ['error', '找不到这个培训包'];
    case 'resubmitted':
      return ['warning', '单位已修改后重新报送，这张卡片已过期，请看新的卡片'];
    case 'decided_before':
      return ['warning', `已由 ${t.by} 于 ${formatDateTime(t.at)} ${t.status === 'done' ? '审核通过' : '退回'}，这张卡片已过期`];
    case 'approved':
      return ['success', '培训包已审核通过'];
    case 'returned':
      return ['success', '已退回修改'];
    case 'return_form':
      return t.error ? ['error', returnErrorText(t.error)] : ['info', '请填写退回意见'];
    case 'back':
      return ['info', '已返回'];
    case 'no_files':
      return ['info', '这个培训包没有附件'];
    case 'files_sent':
      return ['success', `已发送 ${t.count} 个附件`];
  }
}

/** A package action's answer as the card callback gives it. */
export function packageReply(a: PackageAnswer): CardResponse {
  const [type, text] = toastOf(a.toast);
  return toast(type, text, a.rendered ?? (a.card ? packageCardReply(a.card) : undefined));
}

/** What the unit does after approval: ②③ by the same day as the package [一、二(一)4], 暂定 when it is. */
function nextSteps(next: { due: Ymd; tentative: boolean; tentativeYears: number[] }): string {
  const due = dueText({ due: next.due, tentative: next.tentative });
  const note = next.tentative ? `（${tentativeNote(next.tentativeYears)}）` : '';
  return `②发布培训项目、③培训报名审核须在 **${due}** 前完成${note}〔通知 一、二(一)4〕；已完成的不必再报。`;
}

/** The unit's notice of a decision on its package. */
export function packageDecisionNotice(d: { l: LoadedClass; classId: number; approve: boolean; by: string; at: Date; comment: string | null; next: { due: Ymd; tentative: boolean; tentativeYears: number[] } }) {
  const { l } = d;
  const label = classLabel(l.plan.number, l.cls.seq);
  return d.approve
    ? noticeCard({
        title: `培训包审核通过 · ${label}`,
        color: 'green',
        body: [`**${escapeMarkdown(l.plan.data.title ?? '')}**　${formatRange(l.cls.start, l.cls.end)}`, `${escapeMarkdown(d.by)} 于 ${formatDateTime(d.at)} 审核通过，可以按期开班。`, '', nextSteps(d.next)].join('\n'),
        buttons: [button('填报', { a: 'class', cls: d.classId, op: 'open' }, 'primary_filled')],
      })
    : noticeCard({
        title: `培训包退回修改 · ${label}`,
        color: 'red',
        body: [`**${escapeMarkdown(l.plan.data.title ?? '')}**　${formatRange(l.cls.start, l.cls.end)}`, `审核意见：${escapeMarkdown(d.comment ?? '')}`, '', '请修改后重新报送。培训包审核通过后方可开班。'].join('\n'),
        buttons: [button('重新报送', { a: 'step_open', cls: d.classId, step: 1 }, 'primary_filled')],
      });
}
