// users:* — who the bot knows and what they may do.
import { createStores } from '../db/stores.ts';
import { systemClock } from '../clock.ts';
import { createOutboxRepo } from '../db/outbox-repo.ts';
import { ROLE_LABELS, roleSchema, type Person } from '../domain/people.ts';
import { createFeishuApi } from '../feishu/api.ts';
import { createMessenger } from '../runtime/messenger.ts';
import { CliError, need, parseOpenId, type CliCommand, type CliContext } from './types.ts';

/** Best effort: the person's name from Feishu, so the admin sees who they granted. */
async function feishuName(ctx: CliContext, openId: string): Promise<string | undefined> {
  if (!ctx.config) return undefined;
  try {
    const api = createFeishuApi({ ...ctx.config.feishu, logger: ctx.logger, timeoutMs: 5000 });
    return (await api.getUser(openId))?.name;
  } catch {
    return undefined;
  }
}

export const describePerson = (p: Person) =>
  `${p.name ?? '（姓名未知）'} ${p.openId}${p.role ? ` ${ROLE_LABELS[p.role]}` : ''}${p.unitCode ? ` 单位 ${p.unitCode}` : ''}`;

const messenger = (ctx: CliContext) => createMessenger(createOutboxRepo(ctx.db), systemClock, () => {}, ctx.logger);

export const USER_COMMANDS: CliCommand[] = [
  {
    name: 'users:grant',
    args: '<open_id> <reviewer|admin>',
    summary: '授予审核人或管理员权限',
    async run(ctx, pos) {
      need(pos, 2, 'users:grant <open_id> <reviewer|admin>');
      const openId = parseOpenId(pos[0]!);
      const role = roleSchema.exclude(['declarant']).safeParse(pos[1]);
      if (!role.success) throw new CliError(`角色只能是 reviewer（审核人）或 admin（管理员），收到「${pos[1]}」`);
      const person = await createStores(ctx.db).roster.grant(openId, role.data, await feishuName(ctx, openId));
      await messenger(ctx).sendText(
        { openId },
        `您已被授予「${ROLE_LABELS[role.data]}」权限。发送「帮助」查看您现在可以做什么。`,
        `cli:grant:${openId}:${role.data}:${ctx.now.getTime()}`,
      );
      ctx.print(`已授予：${describePerson(person)}`);
    },
  },
  {
    name: 'users:bind',
    args: '<open_id> <预算单位代码>',
    summary: '把一个人关联到一个主管单位（申报人）',
    async run(ctx, pos) {
      need(pos, 2, 'users:bind <open_id> <预算单位代码>');
      const openId = parseOpenId(pos[0]!);
      const code = pos[1]!.trim();
      const unit = await createStores(ctx.db).registry.unit(code);
      if (!unit) throw new CliError(`单位名册中没有预算单位代码「${code}」。请先用 units:import 导入财政局的单位名册，或检查代码。`);
      if (unit.parentCode) {
        throw new CliError(`「${unit.name}」（${code}）是二层单位，申报由其主管单位统一负责。请关联到主管单位 ${unit.parentCode}。`);
      }
      const person = await createStores(ctx.db).roster.bind(openId, code, await feishuName(ctx, openId));
      await messenger(ctx).sendText(
        { openId },
        `您已关联到「${unit.name}」（预算单位代码 ${code}），可以为本单位申报培训计划了。发送「帮助」查看怎么做。`,
        `cli:bind:${openId}:${code}:${ctx.now.getTime()}`,
      );
      ctx.print(`已关联：${describePerson(person)}（${unit.name}）`);
    },
  },
  {
    name: 'users:list',
    args: '[--role declarant|reviewer|admin]',
    summary: '列出机器人认识的人',
    async run(ctx, _pos, flags) {
      const users = createStores(ctx.db).roster;
      let people: Person[];
      if (typeof flags.role === 'string') {
        const role = roleSchema.safeParse(flags.role);
        if (!role.success) throw new CliError(`--role 只能是 declarant、reviewer 或 admin，收到「${flags.role}」`);
        people = await users.byRole(role.data);
      } else {
        people = await users.all();
      }
      if (!people.length) ctx.print('（没有记录）');
      for (const p of people) ctx.print(describePerson(p));
    },
  },
];
