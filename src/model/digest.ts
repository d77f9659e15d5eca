// One card per person and moment: reminders of every kind (申报, 修改, 初审, 执行, 补录) due for someone at
// the same moment go out together, each exactly once (a ReminderLog key per person and moment), and every
// run can say what it did or why it sent nothing.
import { reminderCard, type ReminderEntry } from '../cards/reminder-card.ts';
import { escapeMarkdown } from '../cards/render.ts';
import { formatShortDateTime } from '../domain/dates.ts';
import { daysLeft, type Slot } from '../domain/reminders.ts';
import type { Ports } from '../ports/index.ts';
import type { Recipient } from '../ports/messenger.ts';

const slotMark = (id: string) => `slot:${id}`;

export type PlannedReminder = {
  key: string;
  to: Recipient;
  recipient: string;
  at: Date;
  slots: Slot[];
  entries: (ReminderEntry & { kind: Slot['kind']; summary: string })[];
};

export type RunReport = {
  planned: PlannedReminder[];
  sent: number;
  alreadySent: number;
  tooLate: Slot[];
  unreachable: string[];
  /** The slots due at this run, the next one to come, and why nothing may go out now (if that is why). */
  at?: Date;
  due?: Slot[];
  next?: Slot | null;
  quiet?: string | null;
};

const KIND_TITLES: Record<Slot['kind'], string> = {
  declare: '培训计划申报提醒',
  revise: '退回计划修改提醒',
  review_same_day: '今日待初审提醒',
  review_overdue: '初审超时提醒',
  backfill: '执行数据补录提醒',
  exec_pre7: '培训执行提醒：开班前环节',
  exec_pre5: '培训执行提醒：开班前环节今天截止',
  exec_started: '培训包未审核通过已开班',
  exec_post3: '培训执行提醒：结班后数据填报',
  exec_overdue: '培训执行数据逾期未填报',
};

const FOOTERS = {
  review: '发送「待审」重新收到这些计划的审核卡片，「进度」查看待审队列。',
  execution: '发送「执行」查看本单位全部培训班的执行情况，「完成情况」查看年度完成情况。',
  default: '有疑问请联系市人力资源社会保障局职建科（0772-2825472）。',
};

/** Adds entries to the one card a person gets at a slot's moment (keys: `<prefix>:<recipient>:<instant>`). */
export function addToDigest(byPerson: Map<string, PlannedReminder>, to: Recipient, recipient: string, slot: Slot, entries: PlannedReminder['entries'], prefix = 'remind') {
  const k = `${recipient}@${slot.effective.toISOString()}`;
  const p = byPerson.get(k) ?? { key: `${prefix}:${recipient}:${slot.effective.toISOString()}`, to, recipient, at: slot.effective, slots: [], entries: [] };
  if (!p.slots.some((s) => s.id === slot.id)) p.slots.push(slot);
  p.entries.push(...entries);
  byPerson.set(k, p);
}

/** Entries of one reminder card in full (each up to about 1 KB and 11 elements); the rest are named in one line. */
const DIGEST_ENTRIES = 8;

/** A person's entries for one card: the first ones in full, then how many more and what to send to see them. */
export function digestEntries(entries: PlannedReminder['entries'], command: string): ReminderEntry[] {
  if (entries.length <= DIGEST_ENTRIES) return entries;
  const rest = entries.slice(DIGEST_ENTRIES - 1);
  const named = rest.slice(0, 5).map((e) => escapeMarkdown(e.summary)).join('；');
  return [...entries.slice(0, DIGEST_ENTRIES - 1), { text: `……另有 ${rest.length} 项：${named}${rest.length > 5 ? ' 等' : ''}。发送「${command}」查看全部。`, buttons: [] }];
}

/** Claims and sends each planned reminder once; with `dryRun`, only says what would go out. */
export async function sendReminders(
  deps: Pick<Ports, 'reminderLog' | 'messenger'>,
  planned: PlannedReminder[],
  now: Date,
  dryRun: boolean,
  dueSlotIds: string[] = [],
): Promise<{ sent: number; alreadySent: number }> {
  let sent = 0;
  let alreadySent = 0;
  const one = async (p: PlannedReminder) => {
    const claimed = await deps.reminderLog.claim({ key: p.key, recipient: p.recipient, slots: p.slots.map((s) => s.id), items: p.entries.map((e) => e.summary), at: now });
    if (!claimed) {
      alreadySent++;
      return;
    }
    const kinds = [...new Set(p.entries.map((e) => e.kind))];
    const urgent = p.slots.some((s) => daysLeft(p.at, s.deadline) <= 0) || kinds.includes('review_overdue') || kinds.includes('exec_started');
    const command = kinds.some((k) => k.startsWith('review')) ? '进度' : kinds.some((k) => k.startsWith('exec') || k === 'backfill') ? '执行' : '我的申报';
    const card = reminderCard({
      title: kinds.length === 1 ? KIND_TITLES[kinds[0]!] : '待办提醒',
      subtitle: formatShortDateTime(p.at),
      urgent,
      entries: digestEntries(p.entries, command),
      footer: kinds.some((k) => k.startsWith('review')) ? FOOTERS.review : kinds.some((k) => k.startsWith('exec') || k === 'backfill') ? FOOTERS.execution : FOOTERS.default,
      resend: command,
    });
    await deps.messenger.sendCard(p.to, card, p.key);
    sent++;
  };
  // In groups, so the database writes are batched (group commit) instead of one by one.
  for (let i = 0; !dryRun && i < planned.length; i += 100) await Promise.all(planned.slice(i, i + 100).map(one));
  // Mark the slots as gone through, so a later run does not report them as missed.
  if (!dryRun) for (const id of dueSlotIds) await deps.reminderLog.claim({ key: slotMark(id), recipient: '', slots: [id], items: [], at: now });
  return { sent, alreadySent };
}

const slotText = (s: Slot) => `${formatShortDateTime(s.effective)}${s.label ? `（${s.label}）` : ''}`;

/** Why a run sent nothing, and when the next reminder goes out: an operator should never have to guess. */
function explainNothing(r: RunReport): string {
  const next = r.next ?? null;
  // A slot already due but held back (a day off, the night) goes out at its effective time.
  const held = next && r.at && next.nominal <= r.at;
  if (r.quiet) return `${r.quiet}${next ? `${held ? '，顺延到' : '；下一次提醒：'}${slotText(next)}` : ''}。`;
  const why = r.due?.length ? `到期的时段 ${r.due.map((s) => s.label ?? s.id).join('、')} 没有需要提醒的人` : '这个时刻没有到期的提醒';
  return `${why}${next ? `；下一次提醒：${slotText(next)}` : ''}。`;
}

/** What a run did, for people (jobs:run prints it). */
export function describeReport(r: RunReport, dryRun: boolean): string[] {
  return [
    `${dryRun ? '将要发送（试运行，未发送）' : '已发送'} ${dryRun ? r.planned.length : r.sent} 条提醒${dryRun ? '' : `，此前已发送 ${r.alreadySent} 条`}：`,
    ...r.planned.map((p) => `  ${p.recipient} ${formatShortDateTime(p.at)} ${p.entries.map((e) => e.summary).join('；')}`),
    ...(r.tooLate.length ? [`超过 12 小时未发的时段已跳过：${r.tooLate.map((s) => `${s.id.split(':')[0]} ${formatShortDateTime(s.effective)}`).join('、')}`] : []),
    ...(r.unreachable.length ? [`没有可提醒的人员的单位：${r.unreachable.join('、')}`] : []),
    ...(r.due === undefined ? [] : !r.planned.length ? [explainNothing(r)] : r.next ? [`下一次提醒：${slotText(r.next)}`] : []),
  ];
}
