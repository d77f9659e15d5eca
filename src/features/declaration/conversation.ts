// The declaration conversation's storage: one per person, on one plan, saved conditionally on its version.
import { FLOW_VERSION } from '../../flows/declare-flow.ts';
import type { DeclareState } from '../../flows/declare-engine.ts';
import type { StoredConversation } from '../../ports/conversations.ts';
import type { DeclarationDeps } from './deps.ts';

export const FLOW = 'declare';

type Deps = Pick<DeclarationDeps, 'conversations' | 'clock'>;

export async function loadConversation(deps: Deps, openId: string): Promise<StoredConversation<DeclareState> | null> {
  const c = await deps.conversations.get<DeclareState>(openId);
  return c && c.flow === FLOW && c.state.v === FLOW_VERSION ? c : null;
}

/** Puts the conversation on a plan at a given state, whatever it was doing (a card moved it). */
export async function setConversation(deps: Deps, openId: string, state: DeclareState): Promise<void> {
  const now = deps.clock.now();
  for (let i = 0; i < 3; i++) {
    const version = (await deps.conversations.get(openId))?.version ?? null;
    if (await deps.conversations.save(openId, FLOW, state, version, now)) return;
  }
  throw new Error(`conversation of ${openId} kept changing`);
}

/** Ends the person's conversation if it is on this plan (saved, submitted, deleted elsewhere). */
export async function endConversationOn(deps: Deps, openId: string, planId: number): Promise<void> {
  const conv = await loadConversation(deps, openId);
  if (conv?.state.planId === planId) await deps.conversations.end(openId, conv.version);
}
