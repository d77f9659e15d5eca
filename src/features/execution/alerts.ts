// Missing-data alerts [seed 一, 二(一)4-5], on the reminder machinery (keys, one card per person and moment,
// quiet hours, working days): steps 1–3 not done 7 and 5 working days before a class starts; steps 4–6 not
// done 3 working days after it ends and once overdue; a class that started without an approved package, to
// the reviewers at once; and before Dec 31, the units whose execution since 2020 is not fully on record.
import { button } from '../../cards/actions.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { beijingYmd, formatDeadline, ymdParts } from '../../domain/dates.ts';
import { BACKFILL_FROM_YEAR, backfillSlots, backfillYears, CIRCLED, classAlertSlots, classLabel, dueText, formatRange, SLOT_STEPS, STEPS } from '../../domain/execution.ts';
import { tentativeNote, type WorkCalendar } from '../../domain/working-days.ts';
import { daysLeft, dueSlots, type Slot } from '../../domain/reminders.ts';
import { campaignFor, loadWorkCalendar } from '../../model/reference-data.ts';
import type { ExecutionDeps } from './deps.ts';
import { loadExecution, type PlanExecution } from './view.ts';
import { recipientId } from '../../ports/messenger.ts';
import { reviewTargets, recipientIndex } from '../../model/recipients.ts';
import { addToDigest, sendReminders, type PlannedReminder, type RunReport } from '../../model/digest.ts';

type Entry = PlannedReminder['entries'][number];

const stepNames = (steps: number[]) => steps.map((n) => `${CIRCLED[n]}${STEPS[n as 1].name}`).join('、');

function classEntry(slot: Slot, p: PlanExecution, c: PlanExecution['classes'][number], missing: number[], unitName: string, forReviewer: boolean): Entry {
  const label = `**${classLabel(p.plan.number, c.cls.seq)}《${escapeMarkdown(p.plan.data.title ?? '')}》**`;
  const range = formatRange(c.cls.start, c.cls.end);
  const first = c.outcome.steps[missing[0]! - 1]!;
  const due = dueText(first);
  // A due day on a year with no holiday schedule is said to be tentative, with why.
  const note = first.tentative ? `\n<font color='grey'>※ 期限暂定：${escapeMarkdown(tentativeNote(c.tentativeYears))}。</font>` : '';
  const open = button('填报', { a: 'class', cls: c.cls.id, op: 'open' }, 'primary_filled');
  switch (slot.kind) {
    case 'exec_pre7':
    case 'exec_pre5':
      return {
        kind: slot.kind,
        text: `${label}　${range}\n${stepNames(missing)} 须在 **${due}**（开班前 5 个工作日）前完成${slot.kind === 'exec_pre5' ? '，<font color=\'red\'>今天是最后一天</font>' : ''}。${missing.includes(1) ? '培训包审核通过后方可开班。' : ''}〔通知 一、二(一)4〕${note}`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 待完成 ${missing.map((n) => CIRCLED[n]).join('')}`,
      };
    case 'exec_started': {
      const pkg = c.records.get(1);
      const state = !pkg ? '未报送' : pkg.status === 'submitted' ? '已报送，尚未审核' : '已退回修改';
      if (forReviewer) {
        return {
          kind: slot.kind,
          text: `<font color='red'>**${escapeMarkdown(unitName)}**</font> ${label}　${range}\n已开班，但培训包${state}（通知要求培训包经市工作领导小组审核后方可开班〔一〕）。`,
          buttons: [],
          summary: `${unitName} ${classLabel(p.plan.number, c.cls.seq)} 未审核即开班`,
        };
      }
      return {
        kind: slot.kind,
        text: `${label}　${range}\n<font color='red'>已开班，但培训包${state}。</font>通知要求培训包经市工作领导小组审核后方可开班〔一〕，市工作领导小组办公室已收到提示。请立即报送或联系审核人员。`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 未审核即开班`,
      };
    }
    case 'exec_post3':
      return {
        kind: slot.kind,
        text: `${label}　${range}\n${stepNames(missing)} 须在 **${due}**（结班后 5 个工作日内）前填报〔通知 一、二(一)5〕。${note}`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 待填报 ${missing.map((n) => CIRCLED[n]).join('')}`,
      };
    default:
      return {
        kind: slot.kind,
        text: `${label}　${range}\n<font color='red'>已超过填报期限（${due}）：${stepNames(missing)} 仍未填报。</font>${missing.some((n) => n >= 5) ? '结班后 5 个工作日内未完成⑤⑥等项目信息的单位，将调减下一年度培训预算〔通知 二(一)5〕。' : ''}请立即补报。${note}`,
        buttons: [open],
        summary: `${classLabel(p.plan.number, c.cls.seq)} 逾期 ${missing.map((n) => CIRCLED[n]).join('')}`,
      };
  }
}

type Planned = { planned: PlannedReminder[]; due: Slot[]; tooLate: Slot[]; unreachable: string[] };

/** The alerts due at `now` (only for these classes, when given: a class just recorded). */
export async function planExecutionAlerts(deps: ExecutionDeps, now: Date, only?: { classIds: number[] }): Promise<Planned> {
  const cal = await loadWorkCalendar(deps);
  const y = ymdParts(beijingYmd(now)).y;
  const plans = await loadExecution(deps, { years: [y - 1, y, y + 1] }, now, cal);
  const recipients = await recipientIndex(deps);
  const names = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
  const reviewers = await reviewTargets(deps);
  const byPerson = new Map<string, PlannedReminder>();
  const due: Slot[] = [];
  const tooLate: Slot[] = [];
  const unreachable = new Set<string>();
  for (const p of plans) {
    for (const c of p.classes) {
      if (c.cls.source === 'backfill' || (only && !only.classIds.includes(c.cls.id))) continue;
      const slots = classAlertSlots({ id: c.cls.id, start: c.cls.start, end: c.cls.end, createdAt: c.cls.createdAt }, deps.settings.reminders, cal);
      const d = dueSlots(slots, now);
      // Slots from before the class was recorded could never have been sent: not "missed".
      tooLate.push(...d.tooLate.filter((s) => s.nominal >= c.cls.createdAt));
      for (const slot of d.due) {
        due.push(slot);
        // What the unit still owes (a package waiting for its review is not); at the start, a package not approved.
        const missing = SLOT_STEPS[slot.kind]!.filter((n) => (slot.kind === 'exec_started' ? !c.outcome.steps[n - 1]!.done : c.outcome.steps[n - 1]!.owed));
        if (!missing.length) continue;
        const unitName = names.get(p.plan.unitCode) ?? p.plan.unitCode;
        const people = recipients(p.plan.unitCode);
        if (!people.length) unreachable.add(unitName);
        for (const openId of people) addToDigest(byPerson, { openId }, openId, slot, [classEntry(slot, p, c, [...missing], unitName, false)], 'exec');
        if (slot.kind === 'exec_started') for (const to of reviewers) addToDigest(byPerson, to, recipientId(to), slot, [classEntry(slot, p, c, [...missing], unitName, true)], 'exec');
      }
    }
  }
  if (!only) await planBackfill(deps, now, y, cal, recipients, names, byPerson, due, unreachable);
  return { planned: [...byPerson.values()], due, tooLate, unreachable: [...unreachable] };
}

/** Before the 补录 deadline (Dec 31 of this year): units whose plans since 2020 still miss steps or statements. */
async function planBackfill(
  deps: ExecutionDeps,
  now: Date,
  y: number,
  cal: WorkCalendar,
  recipients: (unit: string) => string[],
  names: Map<string, string>,
  byPerson: Map<string, PlannedReminder>,
  due: Slot[],
  unreachable: Set<string>,
) {
  const campaign = await campaignFor(deps, y + 1);
  const d = dueSlots(backfillSlots(campaign.backfillClosesAt, deps.settings.reminders, cal), now);
  const years = backfillYears(now);
  if (!d.due.length || !years.length) return;
  const history = await loadExecution(deps, { years }, now, cal);
  const gaps = new Map<string, string[]>();
  for (const p of history) if (p.outcome.missing.length) gaps.set(p.plan.unitCode, [...(gaps.get(p.plan.unitCode) ?? []), `${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》${p.outcome.missing.join('；')}`]);
  for (const slot of d.due) {
    due.push(slot);
    const left = daysLeft(now, slot.deadline);
    for (const [unit, items] of gaps) {
      const people = recipients(unit);
      if (!people.length) unreachable.add(names.get(unit) ?? unit);
      const entry: Entry = {
        kind: 'backfill',
        text: [
          `**${escapeMarkdown(names.get(unit) ?? unit)}**：${BACKFILL_FROM_YEAR}年以来的培训项目还有 ${items.length} 个执行数据不全，请于 **${formatDeadline(slot.deadline)}**（${left <= 0 ? '今天截止' : `还有 ${left} 天`}）前补录（六个步骤信息每一个缺报都视为未完成〔通知 一〕）：`,
          ...items.slice(0, 8).map((i) => `- ${i}`),
          ...(items.length > 8 ? [`……另有 ${items.length - 8} 个，发送「补录」查看全部`] : []),
          '未开展的计划请上传盖章的情况说明。',
        ].join('\n'),
        buttons: [button('获取补录模板', { a: 'history_template' }, 'primary_filled')],
        summary: `${names.get(unit) ?? unit} 补录缺 ${items.length} 项`,
      };
      for (const openId of people) addToDigest(byPerson, { openId }, openId, slot, [entry], 'exec');
    }
  }
}

export async function runExecutionAlerts(deps: ExecutionDeps, now: Date, dryRun = false, only?: { classIds: number[] }): Promise<RunReport> {
  const plan = await planExecutionAlerts(deps, now, only);
  const result = await sendReminders(deps, plan.planned, now, dryRun, only ? [] : plan.due.map((s) => s.id));
  const done = await deps.reminderLog.processed(plan.tooLate.map((s) => s.id));
  const missed = plan.tooLate.filter((s) => !done.has(s.id));
  if (missed.length) deps.logger.warn({ slots: missed.map((s) => s.id) }, 'execution alert slots more than 12 hours old were skipped');
  deps.logger.info({ planned: plan.planned.length, ...result }, 'execution alerts run');
  return { planned: plan.planned, tooLate: missed, unreachable: plan.unreachable, ...result };
}
