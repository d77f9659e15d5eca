// Municipal approval and publication [seed 二(一)2-3]: 报批 sends the second-approved plans up with a
// summary by unit; the result is recorded per plan (all at once, one by one, or from a file); 公布 sends each
// competent unit one card with its approved classes and budgets, and the ones not approved with reasons.
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { pageOf } from '../../cards/paging.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDate } from '../../domain/dates.ts';
import { displayValue } from '../../domain/plan.ts';
import type { RowProblem, SheetRow } from '../../domain/units.ts';
import type { Logger } from '../../logger.ts';
import { actOnPlan } from '../../model/plans.ts';
import type { ReviewDeps } from './deps.ts';
import { byUnit, totals, totalsText } from './second.ts';
import type { Reply } from '../../bot/reply.ts';
import type { Channel, PlanRecord } from '../../ports/plans.ts';
import { unitRecipients } from '../../model/recipients.ts';

type Actor = { openId: string; channel: Channel };

/** Plan lines on a page of the 报批 summary and of a unit's results: about 250 bytes each. */
const LINES_PER_PAGE = 30;

const planLine = (p: PlanRecord) =>
  `${p.number}《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope} ${displayValue('headcount', p.data.headcount)}×${displayValue('sessions', p.data.sessions)} ${displayValue('month', p.data.month)} ${displayValue('budget', p.data.budget)}`;

/**
 * The 报批 summary, by unit with totals, a page of plans at a time (a unit continued from the page before
 * is headed again, marked 续). `sent`: how many this 报批 has just sent.
 */
export async function approvalSummaryCard(deps: ReviewDeps, year: number, page = 1, sent?: number) {
  const all = await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL'] });
  const units = await byUnit(deps, all);
  const rows = units.flatMap((u) => u.plans.map((p, i) => ({ u, p, first: i === 0 })));
  const shown = pageOf(rows, page, LINES_PER_PAGE);
  const lines = shown.items.flatMap((r, i) => [
    ...(i === 0 || shown.items[i - 1]!.u !== r.u ? [`**${escapeMarkdown(r.u.name)}**（${r.u.code}）${r.first ? '' : '（续）'}　${totalsText(totals(r.u.plans))}`] : []),
    `　${planLine(r.p)}`,
  ]);
  const head = sent === undefined ? `共 ${all.length} 个计划等待市委、市政府审批。` : `本次报批 ${sent} 个，共 ${all.length} 个计划等待市委、市政府审批（${formatDate(deps.clock.now())}）。`;
  return noticeCard({
    title: `${year}年度培训计划报批汇总`,
    color: 'indigo',
    body: [head, '', ...(lines.length ? lines : ['（没有等待审批的计划）']), '', `**合计**　${totalsText(totals(all))}`].join('\n'),
    buttons: all.length ? [button('登记：全部审批通过', { a: 'approve_all', year }, 'primary', { confirm: { title: { tag: 'plain_text', content: `登记 ${all.length} 个计划审批通过？` }, text: { tag: 'plain_text', content: '个别未通过的，请先发送「审批 编号 不通过 理由」登记。' } } })] : [],
    footer: '个别计划的结果：发送「审批 2027-001 通过」或「审批 2027-001 不通过 理由」；也可用 npm run cli -- approval:import 文件 导入。完整的汇总表：发送「导出」。',
    paging: { page: shown, list: 'approval', noun: '个计划', year, at: deps.clock.now() },
    resend: `报批 ${year}`,
  });
}

/** 报批: every second-approved plan of the year → sent for approval; a summary to paste into the request. */
export async function sendForApproval(deps: ReviewDeps, year: number, actor: Actor, reply: Reply, log: Logger) {
  const now = deps.clock.now();
  const ready = await deps.plans.list({ year, statuses: ['SECOND_APPROVED'] });
  let sent = 0;
  for (const p of ready) {
    const r = await actOnPlan(deps, { id: p.id, version: p.version, action: 'send_for_approval', actor: actor.openId, channel: actor.channel, now });
    if (r.ok) sent++;
  }
  const waiting = (await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL'] })).length;
  if (!waiting) return reply.text(`${year}年度没有复审通过、可以报批的计划。`);
  await reply.card(await approvalSummaryCard(deps, year, 1, sent));
  log.info({ year, sent, waiting }, 'sent for approval');
}

export type ApprovalResult = { number: string; approved: boolean; comment: string | null };

/** Records municipal results; every plan must be waiting for approval. All or nothing when `atomic`. */
export async function recordApprovals(deps: ReviewDeps, results: ApprovalResult[], actor: Actor): Promise<{ recorded: number; problems: string[] }> {
  const problems: string[] = [];
  const plans: [ApprovalResult, PlanRecord][] = [];
  for (const r of results) {
    const p = await deps.plans.byNumber(r.number);
    if (!p) problems.push(`没有编号为 ${r.number} 的计划`);
    else if (p.status !== 'SENT_FOR_APPROVAL') problems.push(`${r.number} 当前不是「已报批」状态，不能登记审批结果`);
    else plans.push([r, p]);
  }
  if (problems.length) return { recorded: 0, problems };
  let recorded = 0;
  const now = deps.clock.now();
  for (const [r, p] of plans) {
    const done = await actOnPlan(deps, { id: p.id, version: p.version, action: r.approved ? 'record_approved' : 'record_not_approved', actor: actor.openId, channel: actor.channel, now, comment: r.comment });
    if (done.ok) recorded++;
    else problems.push(`${r.number}：${done.message}`);
  }
  return { recorded, problems };
}

export async function approveAll(deps: ReviewDeps, year: number, actor: Actor) {
  const waiting = await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL'] });
  return recordApprovals(deps, waiting.map((p) => ({ number: p.number, approved: true, comment: null })), actor);
}

export const APPROVAL_COLUMNS = {
  number: { header: '计划编号', aliases: ['编号'] },
  result: { header: '审批结果', aliases: ['结果', '审批意见'] },
  comment: { header: '意见', aliases: ['备注', '理由'] },
} as const;
export type ApprovalColumn = keyof typeof APPROVAL_COLUMNS;

const YES = /^(通过|同意|批准|是|√|✓)$/;
const NO = /^(不通过|未通过|不同意|不批准|否|×|✗)$/;

export function parseApprovalRows(rows: SheetRow<ApprovalColumn>[]): { ok: true; results: ApprovalResult[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const results: ApprovalResult[] = [];
  for (const { row, values } of rows) {
    const number = (values.number ?? '').trim();
    const result = (values.result ?? '').replace(/\s+/g, '');
    if (!/^\d{4}-\d{3,}$/.test(number)) problems.push({ row, column: APPROVAL_COLUMNS.number.header, message: `「${number}」不是计划编号，例如 2027-001` });
    if (!YES.test(result) && !NO.test(result)) problems.push({ row, column: APPROVAL_COLUMNS.result.header, message: `「${result}」应为「通过」或「不通过」` });
    else results.push({ number, approved: YES.test(result), comment: values.comment?.trim() || null });
  }
  return problems.length ? { ok: false, problems } : { ok: true, results };
}

/**
 * A unit's results of the year (the 公布 card), a page of plans at a time: approved with budgets, then those
 * not approved with the reason. Null when the unit has no decided plan.
 */
export async function publishedCard(deps: ReviewDeps, year: number, unitCode: string, page = 1) {
  const decided = await deps.plans.list({ year, unitCode, statuses: ['APPROVED', 'NOT_APPROVED', 'REJECTED', 'PUBLISHED'] });
  if (!decided.length) return null;
  const unit = await deps.registry.unit(unitCode);
  const approved = decided.filter((x) => x.status === 'APPROVED' || x.status === 'PUBLISHED');
  const rejected = decided.filter((x) => x.status === 'NOT_APPROVED' || x.status === 'REJECTED');
  const shown = pageOf([...approved, ...rejected], page, LINES_PER_PAGE);
  const lines: string[] = [];
  for (const [i, p] of shown.items.entries()) {
    const ok = p.status === 'APPROVED' || p.status === 'PUBLISHED';
    if (!ok && (i === 0 || shown.items[i - 1]!.status === 'APPROVED' || shown.items[i - 1]!.status === 'PUBLISHED')) lines.push('', '未通过：');
    if (ok) lines.push(`- ${p.number}《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope} ${displayValue('month', p.data.month)} ${displayValue('budget', p.data.budget)}`);
    else {
      const reason = [...(await deps.plans.events(p.id))].reverse().find((e) => e.action === 'record_not_approved' || e.action === 'reject_second')?.comment ?? null;
      lines.push(`- ${p.number}《${escapeMarkdown(p.data.title ?? '')}》${reason ? `　理由：${escapeMarkdown(reason)}` : ''}`);
    }
  }
  return noticeCard({
    title: `${year}年度培训计划审批结果`,
    color: 'green',
    body: [
      `**${escapeMarkdown(unit?.name ?? unitCode)}**`,
      `经市委、市政府审批，本单位${year}年度培训计划审批通过 ${approved.length} 个，合计经费 ${displayValue('budget', totals(approved).budget)}${rejected.length ? `；未通过 ${rejected.length} 个` : ''}：`,
      ...lines,
      '',
      '培训经费由市财政局下拨。请在部门年初预算经市人大批准下达后组织实施，开班前五个工作日内上报培训包等信息，培训结束后五个工作日内完成教培管理、结算金额等信息录入。',
    ].join('\n'),
    paging: { page: shown, list: 'published', noun: '个计划', year, at: deps.clock.now() },
    resend: '我的申报',
  });
}

/** 公布: one card per competent unit; APPROVED → PUBLISHED; the campaign is marked published once. */
export async function publishResults(deps: ReviewDeps, year: number, actor: Actor, log: Logger): Promise<{ units: number; unreachable: string[]; waiting: number }> {
  const waiting = (await deps.plans.list({ year, statuses: ['SENT_FOR_APPROVAL', 'SECOND_APPROVED'] })).length;
  if (waiting) return { units: 0, unreachable: [], waiting };
  const now = deps.clock.now();
  const decided = await deps.plans.list({ year, statuses: ['APPROVED', 'NOT_APPROVED', 'REJECTED', 'PUBLISHED'] });
  const unreachable: string[] = [];
  let units = 0;
  for (const u of await byUnit(deps, decided)) {
    for (const p of u.plans.filter((x) => x.status === 'APPROVED')) {
      await actOnPlan(deps, { id: p.id, version: p.version, action: 'publish', actor: actor.openId, channel: actor.channel, now });
    }
    const card = (await publishedCard(deps, year, u.code))!;
    const recipients = await unitRecipients(deps, u.code);
    if (!recipients.length) unreachable.push(`${u.name}（${u.code}）`);
    for (const openId of recipients) await deps.messenger.sendCard({ openId }, card, `publish:${year}:${u.code}:${openId}`);
    units++;
  }
  await deps.campaigns.mark(year, 'publishedAt', now);
  log.info({ year, units, unreachable: unreachable.length }, 'results published');
  return { units, unreachable, waiting: 0 };
}
