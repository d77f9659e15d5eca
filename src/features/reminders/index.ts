// Reminders that make units meet the deadlines: before 申报 (units that neither submitted nor declared 无计划),
// before 修改 (units with returned plans), and to reviewers (plans not first-reviewed the same day). Each
// person gets one card per moment with everything due for them; a ReminderLog key per person and moment
// makes every reminder go out exactly once, however often and wherever the job runs.
import { button } from '../../cards/actions.ts';
import { reminderCard, type ReminderEntry } from '../../cards/reminder-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { currentCampaignYear } from '../../domain/campaign.ts';
import { addDays, beijingYmd, formatDeadline, formatShortDateTime } from '../../domain/dates.ts';
import { DECLARED } from '../../domain/plan-status.ts';
import { campaignSlots, daysLeft, dueSlots, nextAllowed, nextSlot, quietReason, reviewSlots, type ReminderSchedule, type Slot } from '../../domain/reminders.ts';
import { lastReturn } from '../../domain/review.ts';
import { isCompetent } from '../../domain/units.ts';
import { recipientId, type Recipient } from '../../runtime/messenger.ts';
import type { PlanRecord } from '../../model/plans.ts';
import { campaignFor } from '../../model/reference-data.ts';
import { reviewTargets, type ReviewDeps } from '../review/deps.ts';
import { recipientIndex } from '../review/decide.ts';

export interface ReminderLogRepo {
  /** Records a reminder; false when this key was already sent. */
  claim(p: { key: string; recipient: string; slots: string[]; items: string[]; at: Date }): Promise<boolean>;
  /** Which of these slots a run has already gone through (whether or not anyone needed reminding). */
  processed(slotIds: string[]): Promise<Set<string>>;
}

const slotMark = (id: string) => `slot:${id}`;

export type ReminderDeps = ReviewDeps & { reminderLog: ReminderLogRepo; schedule: ReminderSchedule };

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

async function declareEntries(deps: ReminderDeps, slot: Slot, year: number, now: Date) {
  const out = new Map<string, { unit: string; entry: PlannedReminder['entries'][number] }>();
  const units = (await deps.reference.units()).filter(isCompetent);
  const plans = await deps.plans.list({ year });
  const byUnit = new Map<string, PlanRecord[]>();
  for (const p of plans) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), p]);
  const noPlan = await deps.unitYears.noPlanUnits(year);
  const left = daysLeft(now, slot.deadline);
  const when = `**${formatDeadline(slot.deadline)}**（${left <= 0 ? '今天截止' : `还有 ${left} 天`}）`;
  for (const u of units) {
    const mine = byUnit.get(u.code) ?? [];
    if (mine.some((p) => DECLARED.includes(p.status)) || noPlan.has(u.code)) continue;
    const drafts = mine.filter((p) => p.status === 'DRAFT');
    const text = [
      `**${escapeMarkdown(u.name)}**：${year}年度培训计划还没有提交。申报截止：${when}。`,
      ...(drafts.length
        ? [`有 ${drafts.length} 份草稿还没有提交（${drafts.map((d) => `${d.number}《${escapeMarkdown(d.data.title ?? '未填写名称')}》`).join('、')}），提交后才算申报。`]
        : []),
      '没有培训计划的，请点「本年度无培训计划」登记。',
    ].join('\n');
    const buttons = [
      drafts.length ? button('继续填写草稿', { a: 'plan', plan: drafts.at(-1)!.id, op: 'edit' }, 'primary_filled') : button('去申报', { a: 'declare' }, 'primary_filled'),
      button('下载模板', { a: 'template' }),
      button('本年度无培训计划', { a: 'no_plan', year, yes: false }, 'text'),
    ];
    out.set(u.code, { unit: u.code, entry: { kind: 'declare', text, buttons, summary: `${u.name} 未提交${drafts.length ? `（草稿 ${drafts.length} 份）` : ''}` } });
  }
  return out;
}

async function reviseEntries(deps: ReminderDeps, slot: Slot, year: number, now: Date) {
  const out = new Map<string, PlannedReminder['entries']>();
  const returned = await deps.plans.list({ year, statuses: ['RETURNED'] });
  const left = daysLeft(now, slot.deadline);
  for (const p of returned) {
    const ret = lastReturn(await deps.plans.events(p.id));
    const text = [
      `计划 ${p.number}《${escapeMarkdown(p.data.title ?? '')}》已被退回修改。`,
      ...(ret ? [`审核意见：「${escapeMarkdown(ret.comment)}」`] : []),
      `请于 **${formatDeadline(slot.deadline)}**（${left <= 0 ? '今天截止' : `还有 ${left} 天`}）前修改后重新提交，逾期系统关闭，不再受理。`,
    ].join('\n');
    const entries = out.get(p.unitCode) ?? [];
    entries.push({ kind: 'revise', text, buttons: [button('修改', { a: 'revise', plan: p.id }, 'primary_filled')], summary: `${p.number} 待修改` });
    out.set(p.unitCode, entries);
  }
  return out;
}

/** Plans listed by name in a reviewer's reminder; the rest are counted (「进度」 pages through them all). */
const REVIEW_LINES = 20;

function reviewText(slot: Slot, plans: PlanRecord[], names: Map<string, string>): PlannedReminder['entries'][number] {
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

/** Campaign reminders (申报, 修改) due at `now`, grouped into one card per person and moment. */
type Plan = { planned: PlannedReminder[]; due: Slot[]; tooLate: Slot[]; unreachable: string[]; next: Slot | null };

export async function planCampaignReminders(deps: ReminderDeps, now: Date): Promise<Plan> {
  const cal = await deps.calendar();
  const campaigns = await deps.reference.campaigns();
  // The campaign of now and of 12 hours ago: a run just after midnight on Aug 11 still catches Aug 10's slots.
  const years = [...new Set([currentCampaignYear(now, campaigns), currentCampaignYear(new Date(now.getTime() - 12 * 3600_000), campaigns)])];
  const byPerson = new Map<string, PlannedReminder>();
  const tooLate: Slot[] = [];
  const allDue: Slot[] = [];
  const unreachable = new Set<string>();
  const recipients = await recipientIndex(deps);
  const upcoming: Slot[] = [];
  for (const year of years) {
    const c = await campaignFor(deps.reference, year);
    const slots = campaignSlots(c, deps.schedule, cal);
    upcoming.push(...slots);
    const { due, tooLate: late } = dueSlots(slots, now);
    tooLate.push(...late);
    allDue.push(...due);
    for (const slot of due) {
      const perUnit = new Map<string, PlannedReminder['entries']>();
      if (slot.kind === 'declare') for (const [code, e] of await declareEntries(deps, slot, year, now)) perUnit.set(code, [e.entry]);
      else for (const [code, entries] of await reviseEntries(deps, slot, year, now)) perUnit.set(code, entries);
      for (const [code, entries] of perUnit) {
        const people = recipients(code);
        if (!people.length) unreachable.add(code);
        for (const openId of people) addToDigest(byPerson, { openId }, openId, slot, entries);
      }
    }
  }
  return { planned: [...byPerson.values()], due: allDue, tooLate, unreachable: [...unreachable], next: nextSlot(upcoming, now) };
}

/** Reviewer reminders due at `now`: plans submitted that day still undecided (16:00), or older (next morning). */
export async function planReviewReminders(deps: ReminderDeps, now: Date): Promise<Plan> {
  const cal = await deps.calendar();
  const today = beijingYmd(now);
  const slots = reviewSlots(addDays(today, -1), addDays(today, 14), deps.schedule, cal).map((s) => ({ ...s, effective: nextAllowed(s.nominal, deps.schedule, cal, null) }));
  const { due, tooLate } = dueSlots(slots, now);
  const waiting = await deps.plans.list({ statuses: ['SUBMITTED'] });
  const names = new Map((await deps.reference.units()).map((u) => [u.code, u.name]));
  const reviewers = await reviewTargets(deps);
  const byPerson = new Map<string, PlannedReminder>();
  for (const slot of due) {
    const day = slot.id.split(':')[1]!;
    const plans = waiting.filter((p) => {
      const submitted = p.submittedAt ? beijingYmd(p.submittedAt) : null;
      if (!submitted || p.submittedAt! > slot.nominal) return false;
      return slot.kind === 'review_same_day' ? submitted === day : submitted < day;
    });
    if (!plans.length) continue;
    for (const to of reviewers) addToDigest(byPerson, to, recipientId(to), slot, [reviewText(slot, plans, names)]);
  }
  return { planned: [...byPerson.values()], due, tooLate, unreachable: reviewers.length ? [] : ['（没有审核人）'], next: waiting.length ? nextSlot(slots, now) : null };
}

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
  deps: ReminderDeps,
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

export async function runReminders(deps: ReminderDeps, now: Date, which: 'campaign' | 'review', dryRun = false): Promise<RunReport> {
  const plan = which === 'campaign' ? await planCampaignReminders(deps, now) : await planReviewReminders(deps, now);
  const result = await sendReminders(deps, plan.planned, now, dryRun, plan.due.map((s) => s.id));
  const done = await deps.reminderLog.processed(plan.tooLate.map((s) => s.id));
  const missed = plan.tooLate.filter((s) => !done.has(s.id));
  if (missed.length) deps.logger.warn({ slots: missed.map((s) => s.id) }, 'reminder slots more than 12 hours old were skipped');
  deps.logger.info({ which, planned: plan.planned.length, ...result }, 'reminders run');
  const quiet = quietReason(now, deps.schedule, await deps.calendar());
  return { planned: plan.planned, tooLate: missed, unreachable: plan.unreachable, ...result, at: now, due: plan.due, next: plan.next, quiet };
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
