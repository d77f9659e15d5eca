// 查看详情: a plan's whole history from its append-only log, in people's words.
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatShortDateTime } from '../../domain/dates.ts';
import { displayValue, PLAN_FIELDS, type PlanFieldKey } from '../../domain/plan.ts';
import { STATUS_LABELS } from '../../domain/plan-status.ts';
import { EXEC_ACTIONS } from '../../domain/execution.ts';
import type { PlanEventRecord, PlanRecord } from '../plans.ts';
import type { ReviewDeps } from './deps.ts';
import { DECISION_WORDS } from './notify.ts';

const CHANNELS: Record<string, string> = { chat: '对话', excel: 'Excel', card: '卡片', cli: '管理命令', system: '系统' };
const label = (k: string) => PLAN_FIELDS.find((f) => f.key === k)?.label ?? k;

function describe(e: PlanEventRecord, name: string): string {
  const when = formatShortDateTime(e.at);
  const via = CHANNELS[e.channel] ?? e.channel;
  if (e.action === 'create') return `${when}　${name} 创建草稿（${via}）`;
  if (e.action === 'edit') {
    const changes = Object.entries(e.changes ?? {}) as [PlanFieldKey, [unknown, unknown]][];
    const shown = changes.slice(0, 3).map(([k, [, to]]) => `${label(k)}→${displayValue(k, to)}`).join('，');
    return `${when}　${name} 填写/修改 ${escapeMarkdown(shown)}${changes.length > 3 ? ` 等 ${changes.length} 项` : ''}（${via}）`;
  }
  const word = DECISION_WORDS[e.action] ?? EXEC_ACTIONS[e.action] ?? (e.action === 'discard' ? '删除草稿' : e.action);
  const fields = Array.isArray(e.details?.fields) ? (e.details.fields as { field: string; note: string | null }[]) : [];
  return [
    `${when}　${name} **${word}**${typeof e.details?.what === 'string' ? ` ${escapeMarkdown(e.details.what)}` : ''}${e.toStatus ? `（${STATUS_LABELS[e.toStatus]}）` : ''}（${via}）`,
    ...(e.comment ? [`　意见：${escapeMarkdown(e.comment)}`] : []),
    ...(fields.length ? [`　需修改：${fields.map((f) => `${label(f.field)}${f.note ? `（${escapeMarkdown(f.note)}）` : ''}`).join('、')}`] : []),
  ].join('\n');
}

export async function timelineCard(deps: ReviewDeps, plan: PlanRecord) {
  const events = await deps.plans.events(plan.id);
  const names = new Map<string, string>();
  for (const actor of new Set(events.map((e) => e.actor))) {
    const p = actor.startsWith('ou_') ? await deps.users.find(actor) : null;
    names.set(actor, p?.name ?? (actor === 'system' ? '系统' : actor));
  }
  // Consecutive edits by one person are one line: a declaration is dozens of small saves.
  const lines: string[] = [];
  let lastEdit: string | null = null;
  for (const e of events) {
    const key = e.action === 'edit' ? `${e.actor}:${formatShortDateTime(e.at).slice(0, 6)}` : null;
    if (key && key === lastEdit) continue;
    lastEdit = key;
    lines.push(describe(e, escapeMarkdown(names.get(e.actor) ?? e.actor)));
  }
  const unit = await deps.reference.unit(plan.unitCode);
  return noticeCard({
    title: `处理记录 · ${plan.number}`,
    color: 'indigo',
    body: [`**${escapeMarkdown(plan.data.title ?? '')}**`, `${escapeMarkdown(unit?.name ?? plan.unitCode)} · 当前：${STATUS_LABELS[plan.status]}`, '', ...lines].join('\n'),
  });
}
