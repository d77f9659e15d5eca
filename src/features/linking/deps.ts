// What linking uses: link requests, people and the roster (who is an admin, who is bound where), the unit
// registry, the messenger (admins' cards, the requester's outcome) and the directory (a requester's name).
import type { Ports } from '../../ports/index.ts';

export type LinkingDeps = Pick<Ports, 'links' | 'people' | 'roster' | 'registry' | 'messenger' | 'directory' | 'clock'>;
