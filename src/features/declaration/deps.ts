// What the declaration feature uses.
import type { Hub } from '../../bot/hub.ts';
import type { Ports } from '../../ports/index.ts';

export type DeclarationDeps = Pick<Ports, 'plans' | 'registry' | 'bases' | 'campaigns' | 'conversations' | 'people' | 'unitYears' | 'messenger' | 'clock' | 'logger'> & {
  /** Tells the reviewers a plan was submitted. */
  hub: Hub;
};
