// What the declarant hears as a declaration starts, goes on, is saved, submitted or refused.
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { displayValue, PLAN_FIELDS } from '../../domain/plan.ts';
import type { SentenceReading } from '../../domain/class-sentence.ts';
import type { Declarant } from '../../model/declarant.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import type { Uneditable } from './editable.ts';
import type { FeedResult } from './feed.ts';
import type { JumpResult } from './jump.ts';
import { stepSaid } from './replies-steps.ts';
import type { Said } from './said.ts';
import type { ContinueResult, StartResult } from './start.ts';
import type { SubmitResult } from './submit.ts';

export const unitMissingText = (code: string) => `您关联的单位 ${code} 已不在单位名册中，暂时不能申报。请联系系统管理员核对名册。`;
const CONFLICT = '刚才这个计划被另一个操作同时修改了，没有记下这一条。请看最新内容后再发一次。';

export function uneditableText(u: Uneditable): string {
  switch (u.reason) {
    case 'not_yours':
      return '这个计划不属于您的单位。';
    case 'not_editable':
      return `计划 ${u.plan.number} 已${u.plan.status === 'DISCARDED' ? '删除' : '提交'}，不能再修改。发送「我的申报」查看。`;
    case 'closed':
      return u.message;
  }
}

/** What was read from a one-sentence description, to confirm or correct; the questions for the rest follow. */
function understoodCard(d: Declarant, plan: PlanRecord, r: SentenceReading) {
  const lines = PLAN_FIELDS.filter((f) => r.data[f.key] !== undefined).map(
    (f) => `- **${f.label}**：${escapeMarkdown(displayValue(f.key, r.data[f.key]))}${r.from[f.key] ? `（「${escapeMarkdown(r.from[f.key]!)}」）` : ''}`,
  );
  return noticeCard({
    title: `开始申报 · ${plan.number}`,
    color: 'blue',
    body: [`${d.year}年度培训计划，${escapeMarkdown(d.competent.name)}。从您的话里读到 ${lines.length} 项，已填好：`, ...lines].join('\n'),
    footer: '不对的直接说，例如「人数改成45」「月份改成11」；没说到的，接着一项一项问您。每一步都自动保存。',
  });
}

export function startSaid(r: ContinueResult): Said[] {
  switch (r.status) {
    case 'refused':
      return [{ text: startRefusalText(r) }];
    case 'resumed':
      return [...(r.alreadyOpen ? [{ text: `您有一份正在填写的申报 ${r.view.plan.number}，接着填写。要另开一份，请先发送「保存草稿」。` }] : []), ...stepSaid(r.view)];
    case 'started': {
      const { declarant: d, view } = r;
      const intro = `开始申报 ${d.year}年度培训计划（编号 ${view.plan.number}，${d.competent.name}）。一项一项回答就好，大约 3 分钟；每一步都会自动保存。`;
      return [...(r.fresh ? [{ text: intro }] : []), ...(r.understood ? [{ card: understoodCard(d, view.plan, r.understood) }] : []), ...stepSaid(view)];
    }
  }
}

function startRefusalText(r: Extract<ContinueResult, { status: 'refused' }>): string {
  switch (r.reason) {
    case 'unit_missing':
      return unitMissingText(r.unitCode);
    case 'declare_closed':
      return r.message;
    case 'plan_missing':
      return '找不到这个计划。发送「我的申报」查看本单位的计划。';
    case 'uneditable':
      return uneditableText(r.why);
    case 'nothing_to_continue':
      return '没有正在填写的申报。发送「申报」开始一份新的，或发送「我的申报」查看本单位的计划。';
  }
}

export function submittedCard(d: Declarant, plan: PlanRecord, softCount: number) {
  return noticeCard({
    title: `已提交 · ${plan.number}`,
    color: 'green',
    body: [
      `**${escapeMarkdown(plan.data.title ?? '')}**`,
      `${escapeMarkdown(d.competent.name)} · ${plan.year}年度`,
      softCount ? `附情况说明，涉及 ${softCount} 项原则性要求。` : '符合通知的各项要求。',
      '',
      '市工作领导小组办公室将在当天完成初审，审核结果会在这里通知您。发送「我的申报」查看进度。',
    ].join('\n'),
  });
}

export function submitSaid(r: SubmitResult): Said[] {
  if (r.status === 'submitted') return [{ card: submittedCard(r.declarant, r.plan, r.softCount) }];
  switch (r.reason) {
    case 'illegal':
    case 'failed':
      return [{ text: r.message }];
    case 'incomplete':
      return [{ text: `还不能提交：${r.labels.join('、')} 还没有填好。` }, ...stepSaid(r.view)];
    case 'blocked':
      return [{ text: `还不能提交：${r.message}。请看汇总卡片上标红的项目，发送「修改 某项」改正。` }];
    case 'needs_justification': {
      const why = r.findings.map((f) => `${f.message}（依据：${f.notice}）`).join('；');
      return [{ text: `还差一步：${why}。通知中这属于原则性要求，写明情况说明后才能提交，审核人员会看到。` }, ...stepSaid(r.view)];
    }
  }
}

export function feedSaid(r: FeedResult): Said[] {
  switch (r.status) {
    case 'none':
      return [];
    case 'step':
      return stepSaid(r.view);
    case 'saved':
      return [{ text: `已保存草稿 ${r.plan.number}。之后发送「继续」，或在「我的申报」中接着填写。` }];
    case 'submitted':
      return submitSaid(r);
    case 'refused':
      if (r.reason === 'uneditable') return [{ text: uneditableText(r.why) }];
      if (r.reason === 'conflict') return [{ text: CONFLICT }];
      if (r.reason === 'edit_failed') return [{ text: r.message }];
      return submitSaid(r);
  }
}

export function jumpSaid(r: JumpResult): Said[] {
  if (r.status === 'step') return stepSaid(r.view);
  if (r.reason === 'unit_missing') return [{ text: unitMissingText(r.unitCode) }];
  return [{ text: r.reason === 'plan_missing' ? '找不到这个计划。' : uneditableText(r.why) }];
}
