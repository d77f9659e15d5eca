// What the calendar feature uses: the State Council's notices as read, and the classes whose due dates a new
// schedule moves (with their units' people, who are told).
import type { Ports } from '../../ports/index.ts';

export type CalendarDeps = Pick<
  Ports,
  'holidayNotices' | 'calendarData' | 'campaigns' | 'plans' | 'classes' | 'steps' | 'registry' | 'roster' | 'people' | 'reminderLog' | 'messenger' | 'clock' | 'logger' | 'settings'
>;
