// What the reference feature uses: the registry and base list it loads, the people it links, the sheet
// readers (a declaration or 补录 sheet of an admin who declares is passed on), the Feishu directory.
import type { Ports } from '../../ports/index.ts';

export type ReferenceDeps = Pick<Ports, 'registry' | 'bases' | 'people' | 'roster' | 'referenceSheets' | 'declarationSheets' | 'executionSheets' | 'directory' | 'logger'>;
