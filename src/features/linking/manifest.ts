// 绑定: people ask to be linked to their unit; admins decide on cards. While a request waits, every message
// of the person says so (the chat's pendingLink hook).
import type { Feature } from '../../bot/manifest.ts';
import { linkCardRoutes, linkCommand, type LinkingDeps } from './index.ts';

export function linkingFeature(deps: LinkingDeps): Feature {
  return {
    name: 'linking',
    commands: [linkCommand(deps)],
    cards: linkCardRoutes(deps),
    chat: {
      pendingLink: async (openId) => {
        const r = await deps.links.pendingOf(openId);
        return r ? { unitCode: r.unitCode, unitName: (await deps.registry.unit(r.unitCode))?.name ?? null, createdAt: r.createdAt } : null;
      },
    },
  };
}
