// Moments worth travelling to in the sandbox: each is a moment the scheduled jobs really act on, chosen
// through the working-day calendar, so a preset never lands on a Sunday on which nothing is sent.
import type { Campaign } from '../domain/campaign.ts';
import { addDays, beijingInstant, beijingYmd, type Ymd } from '../domain/dates.ts';
import { classAlertSlots, type ClassForAlerts } from '../domain/execution.ts';
import { campaignSlots, lastDay, nextSlot, reviewSlots, type ReminderSchedule, type Slot } from '../domain/reminders.ts';
import type { WorkCalendar } from '../domain/working-days.ts';

export type Preset = { label: string; at: string };

const iso = (d: Date) => d.toISOString();

/** The slot of a campaign with this tag (wd-3, last-1500 …), as the reminders job computes it. */
const slotTagged = (slots: readonly Slot[], kind: Slot['kind'], tag: string) => slots.find((s) => s.kind === kind && s.id.endsWith(`:${tag}`));

export function sandboxPresets(p: { campaign: Campaign; cal: WorkCalendar; schedule: ReminderSchedule; now: Date; demoClass?: ClassForAlerts | null }): Preset[] {
  const { campaign: c, cal, schedule: s, now } = p;
  const slots = campaignSlots(c, s, cal);
  const out: Preset[] = [];
  const add = (label: string, slot: Slot | undefined) => slot && out.push({ label, at: iso(slot.effective) });
  const first = (kind: Slot['kind']) => slots.find((x) => x.kind === kind && x.effective > now);
  const named = (slot: Slot | undefined, suffix = '') => slot && out.push({ label: `${slot.label ?? slot.id}${suffix}`, at: iso(slot.effective) });
  // The middle reminder before 申报 (3 working days by default): the demo has units that have not submitted.
  const mid = s.declareDays.includes(3) ? 3 : [...s.declareDays].sort((a, b) => a - b)[Math.floor(s.declareDays.length / 2)];
  named(slotTagged(slots, 'declare', `wd-${mid}`) ?? first('declare'), `（${c.year}年度）`);
  const lastTime = s.lastDayTimes.at(-1);
  if (lastTime) named(slotTagged(slots, 'declare', `last-${lastTime.replace(':', '')}`));
  // The revision window may be too short for its working-day reminders (a holiday inside it): its first one.
  named(slotTagged(slots, 'revise', `wd-${Math.min(...s.reviseDays)}`) ?? first('revise'));
  // Review reminders exist on working days only: today's, or the next working day's.
  const today = beijingYmd(now);
  const review = nextSlot(
    reviewSlots(today, addDays(today, 14), s, cal).filter((x) => x.kind === 'review_same_day'),
    beijingInstant(today),
  );
  if (review) add(`${review.id.endsWith(today) ? '今天' : '下一个工作日'} ${s.reviewSameDay}（当天未初审的提醒）`, review);
  const reviseLast: Ymd = lastDay(c.reviseClosesAt);
  out.push({ label: '修改截止后第一个工作日 09:00（关闭申报）', at: iso(beijingInstant(cal.addWorkingDays(reviseLast, 1), 9)) });
  if (p.demoClass) {
    const cls = classAlertSlots(p.demoClass, s, cal);
    add('最近一期开班前第 5 个工作日 09:00', cls.find((x) => x.kind === 'exec_pre5'));
    add('最近一期开班当天 08:30', cls.find((x) => x.kind === 'exec_started'));
    add('最近一期结班后逾期那天 09:00', cls.find((x) => x.kind === 'exec_overdue'));
  }
  return out;
}
