// What the execution feature uses.
import type { Ports } from '../../ports/index.ts';

export type ExecutionDeps = Pick<
  Ports,
  | 'plans'
  | 'registry'
  | 'bases'
  | 'campaigns'
  | 'calendarData'
  | 'people'
  | 'roster'
  | 'classes'
  | 'steps'
  | 'attachments'
  | 'fileIntents'
  | 'historyUploads'
  | 'executionSheets'
  | 'declarationSheets'
  | 'files'
  | 'reminderLog'
  | 'reviewCards'
  | 'messenger'
  | 'clock'
  | 'logger'
  | 'settings'
>;
