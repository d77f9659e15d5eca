// 绑定: a person asks to be linked to a competent unit; every admin gets a card with 同意 / 拒绝; the first
// decision wins (conditional update), every admin's card is updated, and the person is told the outcome.
// The use cases return what happened; replies.ts says it.
import { linkRequestCard } from '../../cards/link-card.ts';
import type { Person } from '../../domain/people.ts';
import { normalizeBudgetCode, unitsByName } from '../../domain/units.ts';
import type { Logger } from '../../logger.ts';
import type { LinkingDeps } from './deps.ts';
import { decisionText } from './replies.ts';
import type { LinkByNameResult, LinkDecisionResult, LinkRequestResult } from './types.ts';

export type { LinkingDeps };

const adminCardKey = (requestId: number, admin: string) => `link:${requestId}:${admin}`;

async function nameOf(deps: LinkingDeps, openId: string, log: Logger): Promise<string | null> {
  try {
    return (await deps.directory.getUser(openId))?.name ?? null;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not look up a name');
    return null;
  }
}

/** Files a request (or says why not). */
export async function requestLink(deps: LinkingDeps, person: Person | null, openId: string, rawCode: string, log: Logger): Promise<LinkRequestResult> {
  // A request waiting for an admin is the answer, whatever code or name came with this one.
  const waiting = person?.unitCode ? null : await deps.links.pendingOf(openId);
  if (waiting) return { status: 'refused', reason: 'waiting', since: waiting.createdAt, unitCode: waiting.unitCode };
  const code = normalizeBudgetCode(rawCode);
  if (!code) return { status: 'refused', reason: 'no_code' };
  const unit = await deps.registry.unit(code);
  if (!unit) return { status: 'refused', reason: 'unknown_code', code };
  if (unit.parentCode) return { status: 'refused', reason: 'second_tier', unit, parent: await deps.registry.unit(unit.parentCode) };
  if (person?.unitCode === code) return { status: 'refused', reason: 'already_linked', unit };
  if (person?.unitCode) return { status: 'refused', reason: 'linked_elsewhere', current: person.unitCode, unit };

  const admins = await deps.roster.byRole('admin');
  if (!admins.length) {
    log.error('link request but no admin is configured');
    return { status: 'refused', reason: 'no_admin' };
  }
  const now = deps.clock.now();
  const request = await deps.links.create(openId, code, now);
  await deps.people.touch(openId);
  const card = linkRequestCard({ requestId: request.id, person: { openId, name: person?.name ?? (await nameOf(deps, openId, log)) }, unit, at: now });
  for (const admin of admins) await deps.messenger.sendCard({ openId: admin.openId }, card, adminCardKey(request.id, admin.openId));
  log.info({ requestId: request.id, unitCode: code }, 'link requested');
  return { status: 'requested', unit, code };
}

/** 绑定 followed by a name (「绑定 交通运输局」): the closest units of the registry to pick from, or none. */
export async function linkByName(deps: LinkingDeps, query: string): Promise<LinkByNameResult> {
  const matches = unitsByName(query, await deps.registry.units());
  const shown = query.length > 20 ? `${query.slice(0, 20)}…` : query;
  return matches.length ? { status: 'matches', shown, matches } : { status: 'none', shown };
}

/** An admin's 同意 / 拒绝: the first decision wins; the requester is told, every admin's card is updated. */
export async function decideLink(deps: LinkingDeps, c: { req: number; approve: boolean; by: string; now: Date; log: Logger }): Promise<LinkDecisionResult> {
  const request = await deps.links.get(c.req);
  if (!request) return { status: 'refused', reason: 'no_request' };
  const unit = await deps.registry.unit(request.unitCode);
  if (!unit) return { status: 'refused', reason: 'unknown_unit', unitCode: request.unitCode };
  const won = request.status === 'pending' && (await deps.links.decide(request.id, request.version, c.approve, c.by, c.now));
  const decided = won ? { approve: c.approve, by: c.by, at: c.now } : await decisionOf(deps, request.id);
  const requester = await deps.people.find(request.openId);
  const card = linkRequestCard({ requestId: request.id, person: { openId: request.openId, name: requester?.name ?? null }, unit, at: request.createdAt, decided });
  if (!won) return { status: 'already', decided, card };

  if (c.approve) await deps.roster.bind(request.openId, request.unitCode);
  await deps.messenger.sendText({ openId: request.openId }, decisionText(c.approve, unit), `link:${request.id}:outcome`);
  for (const admin of await deps.roster.byRole('admin')) {
    await deps.messenger.patchCard({ sentKey: adminCardKey(request.id, admin.openId) }, `user:${admin.openId}`, card, `${adminCardKey(request.id, admin.openId)}:decided`);
  }
  c.log.info({ requestId: request.id, approve: c.approve }, 'link decided');
  return { status: 'decided', approve: c.approve, card };
}

async function decisionOf(deps: LinkingDeps, id: number) {
  const r = await deps.links.get(id);
  return r?.decidedAt && r.decidedBy ? { approve: r.status === 'approved', by: r.decidedBy, at: r.decidedAt } : undefined;
}

/** The request a person is waiting on, for the chat's pendingLink hook. */
export async function pendingLink(deps: LinkingDeps, openId: string) {
  const r = await deps.links.pendingOf(openId);
  return r ? { unitCode: r.unitCode, unitName: (await deps.registry.unit(r.unitCode))?.name ?? null, createdAt: r.createdAt } : null;
}
