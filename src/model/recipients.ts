// Who hears about what: a unit's people (everyone linked to it, else its registry contact) and the reviewers
// (the review group when one is configured, else every reviewer).
import type { Ports } from '../ports/index.ts';
import type { Recipient } from '../ports/messenger.ts';

/** The people of a unit who hear about its plans: everyone linked to it, else the registry contact. */
export async function unitRecipients(deps: Pick<Ports, 'roster' | 'registry'>, unitCode: string): Promise<string[]> {
  return (await recipientIndex(deps))(unitCode);
}

/** The same for many units at once: two queries, then lookups. */
export async function recipientIndex(deps: Pick<Ports, 'roster' | 'registry'>): Promise<(unitCode: string) => string[]> {
  const byUnit = new Map<string, string[]>();
  for (const p of await deps.roster.linked()) if (p.unitCode) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), p.openId]);
  const contacts = new Map((await deps.registry.units()).filter((u) => u.contactOpenId).map((u) => [u.code, u.contactOpenId!]));
  return (unitCode) => byUnit.get(unitCode) ?? (contacts.has(unitCode) ? [contacts.get(unitCode)!] : []);
}

/** Where review cards and reviewer alerts go: the review group when configured, else every reviewer. */
export async function reviewTargets(deps: Pick<Ports, 'roster' | 'settings'>): Promise<Recipient[]> {
  return deps.settings.reviewChatId ? [{ chatId: deps.settings.reviewChatId }] : (await deps.roster.byRole('reviewer')).map((r) => ({ openId: r.openId }));
}
