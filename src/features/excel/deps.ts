// What the Excel feature uses of the ports, and the narrower parts its use cases ask for.
import type { Hub } from '../../bot/hub.ts';
import type { Ports } from '../../ports/index.ts';

export type ExcelDeps = Pick<
  Ports,
  'plans' | 'registry' | 'bases' | 'campaigns' | 'people' | 'uploads' | 'historyUploads' | 'declarationSheets' | 'clock' | 'logger'
> & {
  /** Tells the reviewers of plans submitted by upload. */
  hub: Hub;
};

/** Reading and checking a declaration sheet's rows (the rule context: the unit's plans, the registry, the bases). */
export type CheckDeps = Pick<ExcelDeps, 'plans' | 'registry' | 'bases'>;
/** A declarant's unit and campaign as of now. */
export type DeclarantDeps = Pick<ExcelDeps, 'registry' | 'campaigns' | 'clock'>;
