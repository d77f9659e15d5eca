// A plan's processing record (处理记录) from its append-only log, in people's words: the reviewer's 查看详情
// card and the export's 处理记录 sheet read it the same way.
import { escapeMarkdown } from '../cards/render.ts';
import { formatDateTime, formatShortDateTime } from '../domain/dates.ts';
import { displayValue, PLAN_FIELDS, type PlanFieldKey } from '../domain/plan.ts';
import { STATUS_LABELS } from '../domain/plan-status.ts';
import { EXEC_ACTIONS } from '../domain/execution.ts';
import type { ExportRecordRow } from '../ports/sheets.ts';
import type { Ports } from '../ports/index.ts';
import type { PlanEventRecord } from '../ports/plans.ts';

/** What each decision is called wherever the record is read. */
export const DECISION_WORDS: Record<string, string> = {
  approve_first: '初审通过',
  return: '退回修改',
  approve_second: '复审通过',
  reject_second: '复审不通过',
  submit: '重新提交',
  withdraw: '撤回',
  expire: '逾期处理',
  send_for_approval: '报批',
  record_approved: '登记审批通过',
  record_not_approved: '登记审批未通过',
  publish: '公布',
};

const CHANNELS: Record<string, string> = { chat: '对话', excel: 'Excel', card: '卡片', cli: '管理命令', system: '系统' };
const label = (k: string) => PLAN_FIELDS.find((f) => f.key === k)?.label ?? k;

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** One change of one field, as the summary shows values: 「经费预算：160,000.00元 → 118,000.00元」. */
function changeLine(k: PlanFieldKey, from: unknown, to: unknown): string {
  if (isEmpty(from)) return `　${label(k)}：${escapeMarkdown(displayValue(k, to))}`;
  return `　${label(k)}：${escapeMarkdown(displayValue(k, from))} → ${escapeMarkdown(displayValue(k, to))}`;
}

/** Edits one person made in one sitting through one channel read as one entry; each change keeps its line. */
const SITTING_GAP_MS = 30 * 60_000;

type Entry = { kind: 'edits'; actor: string; channel: string; first: Date; last: Date; changes: [PlanFieldKey, unknown, unknown][] } | { kind: 'event'; e: PlanEventRecord };

export function entriesOf(events: readonly PlanEventRecord[]): Entry[] {
  const out: Entry[] = [];
  for (const e of events) {
    if (e.action !== 'edit') {
      out.push({ kind: 'event', e });
      continue;
    }
    const changes = (Object.entries(e.changes ?? {}) as [PlanFieldKey, [unknown, unknown]][]).map(([k, [from, to]]) => [k, from, to] as [PlanFieldKey, unknown, unknown]);
    const prev = out.at(-1);
    if (prev?.kind === 'edits' && prev.actor === e.actor && prev.channel === e.channel && e.at.getTime() - prev.last.getTime() <= SITTING_GAP_MS) {
      prev.changes.push(...changes);
      prev.last = e.at;
    } else {
      out.push({ kind: 'edits', actor: e.actor, channel: e.channel, first: e.at, last: e.at, changes });
    }
  }
  return out;
}

function describeEdits(x: Extract<Entry, { kind: 'edits' }>, name: string): string {
  const from = formatShortDateTime(x.first);
  const to = formatShortDateTime(x.last);
  // 8月3日 10:02–10:14, or 8月3日 23:50–8月4日 00:10 across midnight
  const when = from === to ? from : from.slice(0, from.indexOf(' ')) === to.slice(0, to.indexOf(' ')) ? `${from}–${to.slice(to.indexOf(' ') + 1)}` : `${from}–${to}`;
  const filling = x.changes.every(([, f]) => isEmpty(f));
  const changing = x.changes.every(([, f]) => !isEmpty(f));
  const verb = filling ? '填写' : changing ? '修改' : '填写、修改';
  const via = CHANNELS[x.channel] ?? x.channel;
  return [`${when}　${name} ${verb} ${x.changes.length} 项（${via}）`, ...x.changes.map(([k, f, t]) => changeLine(k, f, t))].join('\n');
}

/** The first submission is 提交; only one after a return or a withdrawal is 重新提交. */
function wordOf(e: PlanEventRecord, submittedBefore: boolean): string {
  if (e.action === 'submit' && !submittedBefore) return '提交';
  return DECISION_WORDS[e.action] ?? EXEC_ACTIONS[e.action] ?? (e.action === 'discard' ? '删除草稿' : e.action);
}

const fieldsToRevise = (e: PlanEventRecord) => (Array.isArray(e.details?.fields) ? (e.details.fields as { field: string; note: string | null }[]) : []);

function describeEvent(e: PlanEventRecord, name: string, submittedBefore: boolean): string {
  const when = formatShortDateTime(e.at);
  const via = CHANNELS[e.channel] ?? e.channel;
  if (e.action === 'create') {
    // A draft made from a form or a spreadsheet starts with values: they are part of the record too.
    const initial = (Object.entries(e.changes ?? {}) as [PlanFieldKey, [unknown, unknown]][]).filter(([, [, to]]) => !isEmpty(to));
    if (!initial.length) return `${when}　${name} 创建草稿（${via}）`;
    return [`${when}　${name} 创建草稿，填写 ${initial.length} 项（${via}）`, ...initial.map(([k, [, to]]) => changeLine(k, null, to))].join('\n');
  }
  const word = wordOf(e, submittedBefore);
  const fields = fieldsToRevise(e);
  return [
    `${when}　${name} **${word}**${typeof e.details?.what === 'string' ? ` ${escapeMarkdown(e.details.what)}` : ''}${e.toStatus ? `（${STATUS_LABELS[e.toStatus]}）` : ''}（${via}）`,
    ...(e.comment ? [`　意见：${escapeMarkdown(e.comment)}`] : []),
    ...(fields.length ? [`　需修改：${fields.map((f) => `${label(f.field)}${f.note ? `（${escapeMarkdown(f.note)}）` : ''}`).join('、')}`] : []),
  ].join('\n');
}

/** The record's lines, oldest first: every decision, and every change of a field with its old and new value. */
export function recordLines(events: readonly PlanEventRecord[], nameOf: (actor: string) => string): string[] {
  let submitted = false;
  return entriesOf(events).map((x) => {
    if (x.kind === 'edits') return describeEdits(x, escapeMarkdown(nameOf(x.actor)));
    const line = describeEvent(x.e, escapeMarkdown(nameOf(x.e.actor)), submitted);
    if (x.e.action === 'submit') submitted = true;
    return line;
  });
}

/** The same record as rows of the export's 处理记录 sheet: one per change of a field, one per decision. */
export function recordRows(number: string, events: readonly PlanEventRecord[], nameOf: (actor: string) => string): ExportRecordRow[] {
  const rows: ExportRecordRow[] = [];
  let submitted = false;
  for (const e of events) {
    const base = { number, at: formatDateTime(e.at), actor: nameOf(e.actor), channel: CHANNELS[e.channel] ?? e.channel, comment: '' };
    if (e.action === 'create' || e.action === 'edit') {
      const changes = (Object.entries(e.changes ?? {}) as [PlanFieldKey, [unknown, unknown]][]).filter(([, [from, to]]) => !(isEmpty(from) && isEmpty(to)));
      if (!changes.length) rows.push({ ...base, action: '创建草稿', field: '', from: '', to: '' });
      for (const [k, [from, to]] of changes) {
        rows.push({ ...base, action: e.action === 'create' ? '创建草稿' : isEmpty(from) ? '填写' : '修改', field: label(k), from: isEmpty(from) ? '' : displayValue(k, from), to: isEmpty(to) ? '' : displayValue(k, to) });
      }
      continue;
    }
    const what = typeof e.details?.what === 'string' ? ` ${e.details.what}` : '';
    const revise = fieldsToRevise(e).map((f) => `${label(f.field)}${f.note ? `（${f.note}）` : ''}`).join('、');
    rows.push({
      ...base,
      action: `${wordOf(e, submitted)}${what}`,
      field: revise ? `需修改：${revise}` : '',
      from: e.fromStatus ? STATUS_LABELS[e.fromStatus] : '',
      to: e.toStatus ? STATUS_LABELS[e.toStatus] : '',
      comment: e.comment ?? '',
    });
    if (e.action === 'submit') submitted = true;
  }
  return rows;
}

/** People's names for the actors of a record (system actions are 系统), each looked up once. */
export async function actorNames(deps: Pick<Ports, 'people'>, actors: Iterable<string>): Promise<(actor: string) => string> {
  const names = new Map<string, string>();
  for (const actor of new Set(actors)) {
    const p = actor.startsWith('ou_') ? await deps.people.find(actor) : null;
    names.set(actor, p?.name ?? (actor === 'system' ? '系统' : actor));
  }
  return (actor) => names.get(actor) ?? actor;
}
