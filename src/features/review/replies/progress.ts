// 进度 in words: a declarant's plans with who holds each and for how long; the reviewers' queue (and 待审).
import { noticeCard } from '../../../cards/notice-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDeadline, formatShortDateTime } from '../../../domain/dates.ts';
import { STATUS_LABELS } from '../../../domain/plan-status.ts';
import { HOLDER } from '../../../domain/review.ts';
import { tentativeNote } from '../../../domain/working-days.ts';
import type { ProgressView, QueueView, Waited } from '../types.ts';

export const NOT_LINKED = '您还没有关联单位。发送「帮助」查看怎么关联。';
export const NOTHING_PENDING = '没有等待初审的计划。';

/** 「3 个工作日」, marked 暂定 when counted over a year with no holiday schedule. */
const waitedText = (w: Waited) => `${w.days} 个工作日${w.tentative ? '（暂定）' : ''}`;

const tentativeFooter = (years: number[]) => (years.length ? [`<font color='orange'>暂定：${tentativeNote(years)}。</font>`] : []);

const DEADLINE_WORDS = { declare: '申报截止', revise: '修改截止' } as const;

export function progressCard(v: ProgressView) {
  const lines = v.page.items.map((p) =>
    [
      `**${escapeMarkdown(p.number)}《${escapeMarkdown(p.title ?? '（未填写名称）')}》**`,
      `　${STATUS_LABELS[p.status]} · 在：${HOLDER[p.status]} · 自 ${formatShortDateTime(p.since)} 起 ${waitedText(p.waited)}${p.deadline ? ` · ${DEADLINE_WORDS[p.deadline.kind]} ${formatDeadline(p.deadline.at)}` : ''}`,
    ].join('\n'),
  );
  const next = v.next ? `下一个截止：${v.next.what} ${formatDeadline(v.next.closesAt)}` : '本年度申报已关闭';
  return noticeCard({
    title: `申报进度 · ${v.unitName}`,
    color: 'blue',
    body: [...(lines.length ? lines : ['（还没有计划）']), '', next, ...tentativeFooter(v.tentativeYears)].join('\n'),
    paging: { page: v.page, list: 'progress', noun: '个计划', at: v.at },
    resend: '进度',
  });
}

/** What 待审 did with the cards of the page's plans: a card sent before is not sent again (its key is used). */
function sentText(shown: number, sent: number): string {
  if (sent === shown) return `以上 ${shown} 个计划的审核卡片已发送。`;
  if (sent === 0) return '以上计划的审核卡片之前都已发送过，没有重复发送。';
  return `以上 ${shown} 个计划中，${sent} 个的审核卡片已发送，其余 ${shown - sent} 个之前已发送过。`;
}

export function queueCard(v: QueueView) {
  const { page } = v;
  const lines = page.items.map((p) => {
    const late = p.waited.days > 0;
    const age = p.waited.days === 0 ? '今天提交' : `已等待 ${waitedText(p.waited)}`;
    return `${late ? "<font color='red'>" : ''}${escapeMarkdown(p.number)} ${escapeMarkdown(p.unitName)}《${escapeMarkdown(p.title ?? '')}》 ${formatShortDateTime(p.submittedAt)} 提交，${age}${late ? '</font>' : ''}`;
  });
  const sent = v.pending && page.items.length ? `${sentText(page.items.length, v.sent)}${page.page < page.pages ? '点「下一页」发送后面的计划的卡片。' : ''}` : null;
  return noticeCard({
    title: `待初审 ${page.total} 个`,
    color: page.total ? 'orange' : 'green',
    body: [...(lines.length ? lines : [NOTHING_PENDING]), '', ...(sent ? [sent] : []), `初审通过、等待复审：${v.secondWaiting} 个`, ...tentativeFooter(v.tentativeYears)].join('\n'),
    footer: v.pending ? '通知要求当天完成初审。' : '通知要求当天完成初审。发送「待审」重新发送这些计划的审核卡片。',
    paging: { page, list: v.pending ? 'pending' : 'queue', noun: '个计划', at: v.at },
    resend: v.pending ? '待审' : '进度',
  });
}
