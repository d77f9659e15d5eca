// 「帮助」: what this person can do, built from the command registry so it never lists what they may not use;
// the help card's button, and the guess buttons offered for an unclear message (each runs its command).
import { helpCard } from '../../cards/help-card.ts';
import { valueOf } from '../../cards/actions.ts';
import { isKnown, may, type Person } from '../../domain/people.ts';
import type { Ports } from '../../ports/index.ts';
import { command, route, type CardContext, type Command, type CommandList, type Feature, type Kit } from '../../bot/manifest.ts';
import type { Reply } from '../../bot/reply.ts';
import { T } from '../../bot/texts.ts';

export type HelpDeps = Pick<Ports, 'registry'>;

async function showHelp(deps: HelpDeps, commands: CommandList, person: Person | null, openId: string, reply: Reply) {
  if (!isKnown(person)) return reply.text(T.unknownPerson(openId));
  const unit = person.unitCode ? await deps.registry.unit(person.unitCode) : null;
  const entries = [
    ...commands.availableTo(person).map((c) => ({ word: c.words[0]!, summary: c.summary, usage: c.usage })),
    { word: '帮助', summary: '再次查看本说明' },
  ];
  await reply.card(helpCard({ person, unitName: unit?.name ?? null, entries }));
}

/** A command run from a button: as if its word had been sent in the 1:1 chat, keyed on the click. */
const runClicked = (c: Command, ctx: CardContext<unknown, 'anyone'>) =>
  c.run({ person: ctx.person, openId: ctx.action.openId, args: '', now: ctx.now, chatType: 'p2p', log: ctx.log, reply: ctx.reply } as never);

export function helpFeature(deps: HelpDeps, kit: Kit): Feature {
  const help = command({
    id: 'help',
    inGroups: 'here',
    words: ['帮助', 'help', '?', '菜单', '你好', '您好', 'hi', 'hello', '使用说明'],
    phrases: ['怎么用', '怎么使用', '能做什么', '能干什么', '有什么功能', '有哪些功能', '使用方法', '操作说明', '操作指南', '教程', '不会用', '怎么操作', '功能列表', '说明书'],
    menu: { key: 'help', label: '帮助' },
    audience: 'anyone',
    summary: '查看我能做什么',
    run: (ctx) => showHelp(deps, kit.commands, ctx.person, ctx.openId, ctx.reply),
  });
  return {
    name: 'help',
    commands: [help],
    cards: {
      help: route({
        audience: 'anyone',
        value: valueOf('help'),
        run: async (ctx) => {
          await runClicked(help, ctx);
          return { toast: { type: 'success', content: T.helpSent } };
        },
      }),
      // A guess offered for an unclear message: the command runs as if its word had been sent (1:1 answer).
      cmd: route({
        audience: 'anyone',
        value: valueOf('cmd'),
        run: async (ctx) => {
          const c = kit.commands.all().find((x) => x.id === ctx.value.id);
          if (!c) return { toast: { type: 'error', content: T.staleButton } };
          if (!may(ctx.person, c.audience)) return { toast: { type: 'error', content: T.notAllowed(c.words[0]!) } };
          ctx.log.info({ command: c.id }, 'command by guess button');
          await runClicked(c, ctx);
          return { toast: { type: 'success', content: `「${c.words[0]}」` } };
        },
      }),
    },
  };
}
