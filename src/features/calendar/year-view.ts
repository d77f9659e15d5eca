// 「节假日 2027」: a year's working-day calendar as it stands, whatever its source.
import { yearCalendarCard } from '../../cards/calendar-card.ts';
import { groupLine } from '../../cards/calendar-text.ts';
import { festivalLines } from '../../cards/holiday-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { may, type Person } from '../../domain/people.ts';
import { monthSummaries, namedGroups } from '../../domain/year-calendar.ts';
import type { CalendarDeps } from './deps.ts';
import { scheduleLabel } from './notice-import.ts';
import { loadWorkCalendar } from '../../model/reference-data.ts';

export async function yearCard(deps: CalendarDeps, year: number, person: Person | null) {
  const cal = await loadWorkCalendar(deps);
  const source = cal.yearSource(year);
  const lines =
    source === 'notice'
      ? festivalLines((await deps.holidayNotices.current(year))?.festivals ?? [], year)
      : namedGroups(cal, year).map((g) => `**${escapeMarkdown(g.name)}**　${groupLine(g, year)}`);
  return yearCalendarCard({
    year,
    source,
    sourceLabel: await scheduleLabel(deps, year, cal),
    festivalLines: lines,
    months: monthSummaries(cal, year),
    adminDays: (await deps.calendarData.adminDays()).filter((d) => d.date.startsWith(`${year}-`)),
    isAdmin: may(person, 'admin'),
  });
}
