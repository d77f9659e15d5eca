import type { LinkRequest, LinkRequests } from '../ports/people.ts';
import type { Db } from './prisma.ts';

const toRequest = (r: { status: string } & Omit<LinkRequest, 'status'>): LinkRequest => ({ ...r, status: r.status as LinkRequest['status'] });

export function createLinkRequests(db: Db): LinkRequests {
  return {
    async create(openId, unitCode, now) {
      return toRequest(await db.linkRequest.create({ data: { openId, unitCode, createdAt: now } }));
    },
    async get(id) {
      const r = await db.linkRequest.findUnique({ where: { id } });
      return r ? toRequest(r) : null;
    },
    async pendingOf(openId) {
      const r = await db.linkRequest.findFirst({ where: { openId, status: 'pending' }, orderBy: { id: 'desc' } });
      return r ? toRequest(r) : null;
    },
    async decide(id, version, approve, by, at) {
      const { count } = await db.linkRequest.updateMany({
        where: { id, version, status: 'pending' },
        data: { status: approve ? 'approved' : 'rejected', version: version + 1, decidedBy: by, decidedAt: at },
      });
      return count === 1;
    },
  };
}
