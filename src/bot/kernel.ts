// The bot itself, assembled from the features' manifests: commands into the registry, card and page routes
// into the click dispatcher, file routes into the file router, chat hooks into the chat handler. Nothing
// here knows a feature; a feature knows nothing of the others.
import type { ListId } from '../cards/actions.ts';
import type { Ports } from '../ports/index.ts';
import { createCardActionHandler } from './card-actions.ts';
import { createChatHandler } from './chat.ts';
import type { CommandRegistry } from './commands.ts';
import { createFileRouter } from './files.ts';
import type { AnyCardRoute, ChatHooks, Feature, Job, PageRoute } from './manifest.ts';

export type BotDeps = Pick<Ports, 'people' | 'registry' | 'messenger' | 'files' | 'clock'> & {
  features: readonly Feature[];
  commands: CommandRegistry;
  botOpenId: () => Promise<string | null>;
  greetEveryMs?: number;
};

/** One card route per button kind, one page route per list: a second one is a mistake in a manifest. */
function collect<R>(features: readonly Feature[], pick: (f: Feature) => Partial<Record<string, R>> | undefined, what: string): Record<string, R> {
  const out: Record<string, R> = {};
  for (const f of features) {
    for (const [key, r] of Object.entries(pick(f) ?? {})) {
      if (Object.hasOwn(out, key)) throw new Error(`${what} ${key} is declared twice (again by ${f.name})`);
      if (r) out[key] = r;
    }
  }
  return out;
}

/** The features' chat hooks as one: interceptors by order, the first answer of each question. */
function composeHooks(features: readonly Feature[]): Required<ChatHooks> {
  const hooks = features.map((f) => f.chat ?? {});
  const intercepts = hooks.flatMap((h) => (h.intercept ? [h.intercept] : [])).sort((a, b) => a.order - b.order);
  const first = async <T>(ask: (h: ChatHooks) => Promise<T | null> | undefined): Promise<T | null> => {
    for (const h of hooks) {
      const r = await ask(h);
      if (r !== null && r !== undefined) return r;
    }
    return null;
  };
  return {
    intercept: {
      order: 0,
      take: async (person, text, reply, log) => {
        for (const i of intercepts) if (await i.take(person, text, reply, log)) return true;
        return false;
      },
    },
    sentence: async (person, text, reply, log) => {
      for (const h of hooks) if (await h.sentence?.(person, text, reply, log)) return true;
      return false;
    },
    openQuestion: (person) => first((h) => h.openQuestion?.(person)),
    pendingLink: (openId) => first((h) => h.pendingLink?.(openId)),
    welcomeLine: (person) => first((h) => h.welcomeLine?.(person)),
  };
}

export function createBot(deps: BotDeps) {
  const { features } = deps;
  for (const f of features) deps.commands.register(...(f.commands ?? []));
  const routes = collect<AnyCardRoute>(features, (f) => f.cards, 'card route');
  const pages = collect<PageRoute>(features, (f) => f.pages, 'page route') as Partial<Record<ListId, PageRoute>>;
  const onFile = createFileRouter(deps.files, features.flatMap((f) => f.files ?? []));
  const handleEvent = createChatHandler({ ...deps, hooks: composeHooks(features), onFile });
  const handleCard = createCardActionHandler({ ...deps, routes, pages });
  const jobs: Job[] = features.flatMap((f) => f.jobs ?? []);
  return { handleEvent, handleCard, jobs, routes, pages };
}
