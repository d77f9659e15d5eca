// The dates of a class (期) of an approved plan: real days, in order, inside the plan year; a class too close
// to start for its package to be approved in time is told so [seed 一, 二(一)4].
import { daysBetween, parseDateText, ymdParts, type Ymd } from './dates.ts';
import { dueText, type ClassDates } from './class-timeline.ts';
import { executionDueDates, STEP_LEAD_WORKING_DAYS, type WorkCalendar } from './working-days.ts';

/** The longest class accepted: a bound on typing mistakes (the plan's own length is told, not refused). */
const MAX_CLASS_DAYS = 60;

/**
 * A class's dates: real days, end not before start, inside the plan year, and (softly) as long as the plan
 * says. A start less than STEP_LEAD_WORKING_DAYS working days away cannot have its package approved in time: told, not refused.
 */
export function checkClassDates(
  raw: { start: unknown; end: unknown },
  p: { planYear: number; planDays: number | undefined; today: Ymd; cal: WorkCalendar; packageApproved: boolean },
): { ok: true; dates: ClassDates; warnings: string[] } | { ok: false; errors: { start?: string; end?: string } } {
  const read = (v: unknown) => (typeof v === 'string' ? parseDateText(v.replace(/\s*[+-]\d{4}$/, '')) : null);
  const start = read(raw.start);
  const end = read(raw.end);
  const errors: { start?: string; end?: string } = {};
  if (!start) errors.start = '请选择开班日期';
  if (!end) errors.end = '请选择结班日期';
  if (start && ymdParts(start).y !== p.planYear) errors.start = `开班日期应在计划年度 ${p.planYear} 年内`;
  if (start && end && end < start) errors.end = '结班日期不能早于开班日期';
  if (start && end && daysBetween(start, end) + 1 > MAX_CLASS_DAYS) errors.end = `一期培训不能超过 ${MAX_CLASS_DAYS} 天`;
  if (errors.start || errors.end || !start || !end) return { ok: false, errors };
  const warnings: string[] = [];
  const days = daysBetween(start, end) + 1;
  if (p.planDays && days !== p.planDays) warnings.push(`这一期 ${days} 天，批准的计划为每期 ${p.planDays} 天`);
  const { beforeStart, tentative } = executionDueDates(p.cal, start, end);
  if (!p.packageApproved && p.today > beforeStart && start >= p.today) {
    const due = dueText({ due: beforeStart, tentative: tentative.beforeStart });
    warnings.push(`培训包须在开班前 ${STEP_LEAD_WORKING_DAYS} 个工作日（${due}前）报送审核，现在已过期限；请尽快报送培训包，或推迟开班〔通知 一、二(一)4〕`);
  }
  return { ok: true, dates: { start, end }, warnings };
}
