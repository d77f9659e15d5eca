// What the review feature uses.
import type { Ports } from '../../ports/index.ts';

export type ReviewDeps = Pick<Ports, 'plans' | 'registry' | 'bases' | 'campaigns' | 'calendarData' | 'people' | 'roster' | 'reviewCards' | 'messenger' | 'clock' | 'logger' | 'settings'>;
