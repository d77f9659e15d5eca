// The sandbox's time-travel presets are moments the scheduled jobs act on, whatever day the sandbox was
// started: checked for every day of a known year (2026) and of a year with no holiday schedule (2027).
import { describe, expect, it } from 'vitest';
import { addDays, beijingInstant, beijingYmd } from '../../src/domain/dates.ts';
import { campaignSlots, DEFAULT_SCHEDULE, dueSlots } from '../../src/domain/reminders.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';
import { demoCampaign } from '../../src/sandbox/demo.ts';
import { sandboxPresets } from '../../src/sandbox/presets.ts';

const cal = new WorkCalendar();
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('sandbox presets on any day', () => {
  it.each(days('2026-01-01', '2027-12-31'))('started on %s, every reminder preset is a moment the job sends', (day) => {
    const now = beijingInstant(day, 10);
    const campaign = demoCampaign(now);
    const presets = sandboxPresets({ campaign, cal, schedule: DEFAULT_SCHEDULE, now });
    const slots = campaignSlots(campaign, DEFAULT_SCHEDULE, cal);
    const byLabel = (re: RegExp) => presets.find((p) => re.test(p.label));
    const declare = byLabel(/^申报截止前 3 个工作日 09:00/);
    const lastDay = byLabel(/^申报截止当天 15:00/);
    // The first reminder of the revision window: 1 working day before, or the last day itself when a holiday fills the window.
    const revise = byLabel(/^修改截止(前 1 个工作日 09:00|当天 09:00)$/);
    for (const [preset, kind] of [[declare, 'declare'], [lastDay, 'declare'], [revise, 'revise']] as const) {
      expect(preset, `${kind} preset`).toBeDefined();
      const at = new Date(preset!.at);
      expect(at > now).toBe(true);
      expect(dueSlots(slots, at).due.map((s) => s.kind)).toContain(kind);
    }
    // 3 working days before: a working day, never a weekend or a holiday.
    expect(cal.isWorkingDay(beijingYmd(new Date(declare!.at)))).toBe(true);
    const review = byLabel(/（当天未初审的提醒）$/);
    expect(cal.isWorkingDay(beijingYmd(new Date(review!.at)))).toBe(true);
  });

  it('names the day people read: today when it is a working day, else the next working day', () => {
    const sunday = beijingInstant('2026-12-13', 10);
    const labels = sandboxPresets({ campaign: demoCampaign(sunday), cal, schedule: DEFAULT_SCHEDULE, now: sunday }).map((p) => p.label);
    expect(labels).toContain('下一个工作日 16:00（当天未初审的提醒）');
    const monday = beijingInstant('2026-12-14', 10);
    expect(sandboxPresets({ campaign: demoCampaign(monday), cal, schedule: DEFAULT_SCHEDULE, now: monday }).map((p) => p.label)).toContain('今天 16:00（当天未初审的提醒）');
  });
});
