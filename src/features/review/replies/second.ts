// 复审 in words: why it waits before the close, the list by unit with the batch approval, the batch's answer.
import { button } from '../../../cards/actions.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDeadline } from '../../../domain/dates.ts';
import { displayValue } from '../../../domain/plan.ts';
import type { CardResponse } from '../../../inbound.ts';
import { batch2 } from '../buttons.ts';
import { totals, type Totals } from '../grouping.ts';
import type { BatchResult, NotYet, SecondReviewView } from '../types.ts';
import { toast } from './toast.ts';

/** The comment recorded on each plan a batch approves. */
export const BATCH_COMMENT = '批量复审通过（规则检查全部符合）';

export function totalsText(t: Totals) {
  return `${t.count} 个计划，${t.classes} 期，${t.people} 人次，经费 ${displayValue('budget', t.budget)}`;
}

const WHAT = { second: '复审', approval: '报批' } as const;

export function notYetText(n: NotYet): string {
  const what = WHAT[n.what];
  return `${n.year}年度的${what}在申报系统关闭后进行：修改截止是 ${formatDeadline(n.reviseClosesAt)}，之后发送「${what}」。${n.waiting ? `现在有 ${n.waiting} 个计划已提交或初审通过，初审请发送「待审」。` : ''}`;
}

export const nothingAwaitingText = (year: number) => `${year}年度没有等待复审的计划。`;

export function secondReviewCard(v: SecondReviewView) {
  const { units } = v;
  return noticeCard({
    title: `${v.year}年度复审 · 待复审 ${v.total.length} 个`,
    color: 'indigo',
    body: [
      ...(units.items.length ? units.items.map((u) => `**${escapeMarkdown(u.name)}**　${totalsText(totals(u.plans))}`) : ['没有等待复审的计划。']),
      '',
      `**合计**　${totalsText(totals(v.total))}`,
      `全部符合要求的 ${v.green} 个可一键通过；需要关注的 ${v.attention} 个已逐个发送卡片${v.allCards ? '（另发送了全部计划的卡片）' : ''}。`,
    ].join('\n'),
    buttons: v.green
      ? [
          button(`全部通过（${v.green} 个全部符合要求的计划）`, batch2(v.year), 'primary_filled', {
            confirm: { title: { tag: 'plain_text', content: `复审通过 ${v.green} 个计划？` }, text: { tag: 'plain_text', content: '这些计划的规则检查全部为绿色。' } },
          }),
        ]
      : [],
    footer: '发送「复审 全部」可为每个计划单独发送复审卡片。',
    paging: { page: units, list: 'second', noun: '个单位', year: v.year, at: v.at },
    resend: `复审 ${v.year}`,
  });
}

/** The answer to 全部通过: how many, by whom, and those of the reviewer's own unit left to another reviewer. */
export function batchAnswer(r: BatchResult): CardResponse {
  if (r.status === 'not_yet') {
    const text = notYetText(r.notYet);
    return toast('warning', text.length > 60 ? `${text.slice(0, 58)}…` : text);
  }
  const ownLine = r.own ? `\n另有 ${r.own} 个符合要求的计划属于您关联的单位，未由您通过，需由其他审核人员复审。` : '';
  return toast(
    'success',
    `已复审通过 ${r.approved} 个计划`,
    noticeCard({
      title: `复审：已批量通过 ${r.approved} 个`,
      color: 'green',
      body: `由 ${r.by} 批量复审通过（规则检查全部符合）。发送「复审」查看剩余的计划，「报批」报市委、市政府审批。${ownLine}`,
    }),
  );
}
