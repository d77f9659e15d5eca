// What the declaration feature uses.
import type { Hub } from '../../bot/hub.ts';
import type { Ports } from '../../ports/index.ts';

export type DeclarationDeps = Pick<Ports, 'plans' | 'registry' | 'bases' | 'campaigns' | 'conversations' | 'unitYears' | 'messenger' | 'clock' | 'logger'> & {
  /** Tells the reviewers a plan was submitted. */
  hub: Hub;
};

/** What reading a declarant's plans and rules takes (no writes, no messages). */
export type ReadDeps = Pick<DeclarationDeps, 'plans' | 'registry' | 'bases' | 'campaigns' | 'clock'>;
