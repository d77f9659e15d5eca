// 报批, 审批 and 公布 in words: the summary by unit, the results recorded, the confirmation and each unit's results.
import { button } from '../../../cards/actions.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDate } from '../../../domain/dates.ts';
import { displayValue } from '../../../domain/plan.ts';
import type { CardResponse } from '../../../inbound.ts';
import type { PlanRecord } from '../../../ports/plans.ts';
import { approveAll, publish } from '../buttons.ts';
import { totals } from '../grouping.ts';
import type { ApprovalProblem, ApprovalView, PublishedView, PublishResult, SendForApprovalResult } from '../types.ts';
import { notYetText, totalsText } from './second.ts';
import { toast } from './toast.ts';

const planLine = (p: PlanRecord) =>
  `${p.number}《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope} ${displayValue('headcount', p.data.headcount)}×${displayValue('sessions', p.data.sessions)} ${displayValue('month', p.data.month)} ${displayValue('budget', p.data.budget)}`;

/** The 报批 summary, by unit with totals (a unit continued from the page before is headed again, marked 续). */
export function approvalSummaryCard(v: ApprovalView) {
  const shown = v.rows.items;
  const lines = shown.flatMap((r, i) => [
    ...(i === 0 || shown[i - 1]!.unit !== r.unit ? [`**${escapeMarkdown(r.unit.name)}**（${r.unit.code}）${r.first ? '' : '（续）'}　${totalsText(totals(r.unit.plans))}`] : []),
    `　${planLine(r.plan)}`,
  ]);
  const n = v.all.length;
  const head = v.sent === undefined ? `共 ${n} 个计划等待市委、市政府审批。` : `本次报批 ${v.sent} 个，共 ${n} 个计划等待市委、市政府审批（${formatDate(v.at)}）。`;
  const confirm = { title: { tag: 'plain_text', content: `登记 ${n} 个计划审批通过？` }, text: { tag: 'plain_text', content: '个别未通过的，请先发送「审批 编号 不通过 理由」登记。' } };
  return noticeCard({
    title: `${v.year}年度培训计划报批汇总`,
    color: 'indigo',
    body: [head, '', ...(lines.length ? lines : ['（没有等待审批的计划）']), '', `**合计**　${totalsText(totals(v.all))}`].join('\n'),
    buttons: n ? [button('登记：全部审批通过', approveAll(v.year), 'primary', { confirm })] : [],
    footer: '个别计划的结果：发送「审批 2027-001 通过」或「审批 2027-001 不通过 理由」；也可用 npm run cli -- approval:import 文件 导入。完整的汇总表：发送「导出」。',
    paging: { page: v.rows, list: 'approval', noun: '个计划', year: v.year, at: v.at },
    resend: `报批 ${v.year}`,
  });
}

/** What 报批 answers: why it waits, that nothing can be sent, or the summary. */
export function sendForApprovalReply(r: SendForApprovalResult): { text: string } | { card: ReturnType<typeof noticeCard> } {
  if (r.status === 'not_yet') return { text: notYetText(r.notYet) };
  if (r.status === 'none') return { text: `${r.year}年度没有复审通过、可以报批的计划。` };
  return { card: approvalSummaryCard(r.view) };
}

export const APPROVAL_USAGE = '格式：审批 计划编号 通过｜不通过 [理由]，例如：审批 2027-001 不通过 经费超标';

export function approvalProblemText(p: ApprovalProblem): string {
  if (p.reason === 'not_found') return `没有编号为 ${p.number} 的计划`;
  if (p.reason === 'not_waiting') return `${p.number} 当前不是「已报批」状态，不能登记审批结果`;
  return `${p.number}：${p.message}`;
}

export const recordedText = (number: string, approved: boolean) => `已登记：${number} 审批${approved ? '通过' : '不通过'}。`;

export function approveAllAnswer(r: { recorded: number; problems: ApprovalProblem[] }): CardResponse {
  return r.problems.length ? toast('error', approvalProblemText(r.problems[0]!)) : toast('success', `已登记 ${r.recorded} 个计划审批通过，可发送「公布」公布结果`);
}

export function publishConfirmCard(year: number) {
  return noticeCard({
    title: `公布${year}年度审批结果？`,
    color: 'orange',
    body: '每个主管单位会收到一张卡片，列出审批通过的培训班和经费，以及未通过的计划和理由。公布后计划状态变为「已公布」。',
    buttons: [button('确认公布', publish(year), 'primary_filled')],
  });
}

export function publishAnswer(r: PublishResult, year: number): CardResponse {
  if (r.status === 'waiting') return toast('warning', `还有 ${r.waiting} 个计划没有登记审批结果，不能公布`);
  const note = r.unreachable.length ? `；以下单位没有可通知的人员：${r.unreachable.map((u) => `${u.name}（${u.code}）`).join('、')}` : '';
  return toast('success', `已向 ${r.units} 个单位公布`, noticeCard({ title: `${year}年度审批结果已公布`, color: 'green', body: `已向 ${r.units} 个主管单位发送审批结果${note}。` }));
}

export const NO_PUBLISHED = '本单位没有已公布的审批结果';

/** A unit's results (the 公布 card): approved with budgets, then those not approved with the reason. */
export function publishedCard(v: PublishedView) {
  const lines: string[] = [];
  for (const [i, it] of v.page.items.entries()) {
    const p = it.plan;
    if (!it.approved && (i === 0 || v.page.items[i - 1]!.approved)) lines.push('', '未通过：');
    if (it.approved) lines.push(`- ${p.number}《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope} ${displayValue('month', p.data.month)} ${displayValue('budget', p.data.budget)}`);
    else lines.push(`- ${p.number}《${escapeMarkdown(p.data.title ?? '')}》${it.reason ? `　理由：${escapeMarkdown(it.reason)}` : ''}`);
  }
  return noticeCard({
    title: `${v.year}年度培训计划审批结果`,
    color: 'green',
    body: [
      `**${escapeMarkdown(v.unitName)}**`,
      `经市委、市政府审批，本单位${v.year}年度培训计划审批通过 ${v.approved.length} 个，合计经费 ${displayValue('budget', totals(v.approved).budget)}${v.rejected ? `；未通过 ${v.rejected} 个` : ''}：`,
      ...lines,
      '',
      '培训经费由市财政局下拨。请在部门年初预算经市人大批准下达后组织实施，开班前五个工作日内上报培训包等信息，培训结束后五个工作日内完成教培管理、结算金额等信息录入。',
    ].join('\n'),
    paging: { page: v.page, list: 'published', noun: '个计划', year: v.year, at: v.at },
    resend: '我的申报',
  });
}
