// What the linking use cases find out, handed to replies.ts to be said: facts, never sentences.
import type { CardJson } from '../../cards/render.ts';
import type { Unit } from '../../domain/units.ts';

export type LinkRequestResult =
  | { status: 'refused'; reason: 'waiting'; since: Date; unitCode: string }
  | { status: 'refused'; reason: 'no_code' }
  | { status: 'refused'; reason: 'unknown_code'; code: string }
  | { status: 'refused'; reason: 'second_tier'; unit: Unit; parent: Unit | null }
  | { status: 'refused'; reason: 'already_linked'; unit: Unit }
  | { status: 'refused'; reason: 'linked_elsewhere'; current: string; unit: Unit }
  | { status: 'refused'; reason: 'no_admin' }
  | { status: 'requested'; unit: Unit; code: string };

export type LinkByNameResult = { status: 'none'; shown: string } | { status: 'matches'; shown: string; matches: Unit[] };

export type LinkDecisionResult =
  | { status: 'refused'; reason: 'no_request' }
  | { status: 'refused'; reason: 'unknown_unit'; unitCode: string }
  | { status: 'already'; decided: { approve: boolean; by: string; at: Date } | undefined; card: CardJson }
  | { status: 'decided'; approve: boolean; card: CardJson };
