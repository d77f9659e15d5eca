// 「帮助」: what this person can do, built from the command registry so it never lists what they may not use.
import { helpCard } from '../../cards/help-card.ts';
import { isKnown, type Person } from '../../domain/people.ts';
import type { Command, CommandRegistry, Reply } from '../../bot/commands.ts';
import type { UnitLookup } from '../../ports/people.ts';
import { T } from '../../bot/texts.ts';

export function helpCommand(deps: { commands: CommandRegistry; units: UnitLookup }): Command {
  const showHelp = async (person: Person | null, openId: string, reply: Reply) => {
    if (!isKnown(person)) {
      await reply.text(T.unknownPerson(openId));
      return;
    }
    const unit = person.unitCode ? await deps.units.find(person.unitCode) : null;
    const entries = [
      ...deps.commands.availableTo(person).map((c) => ({ word: c.words[0]!, summary: c.summary, usage: c.usage })),
      { word: '帮助', summary: '再次查看本说明' },
    ];
    await reply.card(helpCard({ person, unitName: unit?.name ?? null, entries }));
  };
  return {
    id: 'help',
    inGroups: 'here',
    words: ['帮助', 'help', '?', '菜单', '你好', '您好', 'hi', 'hello', '使用说明'],
    phrases: ['怎么用', '怎么使用', '能做什么', '能干什么', '有什么功能', '有哪些功能', '使用方法', '操作说明', '操作指南', '教程', '不会用', '怎么操作', '功能列表', '说明书'],
    menuKeys: ['help'],
    audience: 'anyone',
    summary: '查看我能做什么',
    run: (ctx) => showHelp(ctx.person, ctx.openId, ctx.reply),
  };
}
