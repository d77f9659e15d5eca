// 绑定: people ask to be linked to their unit; admins decide on cards. While a request waits, every message
// of the person says so (the chat's pendingLink hook).
import { valueOf } from '../../cards/actions.ts';
import { command, route, type CardContext, type Feature } from '../../bot/manifest.ts';
import type { LinkingDeps } from './deps.ts';
import { decideLink, linkByName, pendingLink, requestLink } from './index.ts';
import { byNameReply, decisionResponse, requestText, requestToast } from './replies.ts';

const looksLikeName = (args: string) => /[\u4e00-\u9fff]/.test(args);

function linkCommand(deps: LinkingDeps) {
  return command({
    id: 'link',
    words: ['绑定', '关联', '关联单位', '绑定单位'],
    phrases: ['绑定我的单位', '关联我的单位', '加入单位', '我是哪个单位', '认证单位', '登记单位', '怎么绑定', '怎么关联'],
    audience: 'anyone' as const,
    summary: '申请关联到本单位（管理员确认后即可申报）',
    usage: '绑定 101001',
    showInHelp: (person) => !person.unitCode,
    run: async (ctx) => {
      if (looksLikeName(ctx.args) && !ctx.person?.unitCode && !(await deps.links.pendingOf(ctx.openId))) {
        const r = byNameReply(await linkByName(deps, ctx.args));
        return 'card' in r ? ctx.reply.card(r.card) : ctx.reply.text(r.text);
      }
      await ctx.reply.text(requestText(await requestLink(deps, ctx.person, ctx.openId, ctx.args, ctx.log)));
    },
  });
}

function linkCardRoutes(deps: LinkingDeps) {
  const request = async (ctx: CardContext<unknown, 'anyone'>, code: string) => {
    const r = await requestLink(deps, ctx.person, ctx.action.openId, code, ctx.log);
    await ctx.reply.text(requestText(r));
    return { toast: requestToast(r) };
  };
  return {
    link_request: route({
      audience: 'anyone',
      value: valueOf('link_request'),
      run: async (ctx) => {
        const code = ctx.action.formValue?.code;
        return request(ctx, typeof code === 'string' ? code : '');
      },
    }),
    link_to: route({
      audience: 'anyone',
      value: valueOf('link_to'),
      run: async (ctx) => request(ctx, ctx.value.code),
    }),
    link_decide: route({
      audience: 'admin',
      value: valueOf('link_decide'),
      run: async (ctx) => decisionResponse(await decideLink(deps, { req: ctx.value.req, approve: ctx.value.approve, by: ctx.person.name ?? ctx.action.openId, now: ctx.now, log: ctx.log })),
    }),
  };
}

export function linkingFeature(deps: LinkingDeps): Feature {
  return {
    name: 'linking',
    commands: [linkCommand(deps)],
    cards: linkCardRoutes(deps),
    chat: { pendingLink: (openId) => pendingLink(deps, openId) },
  };
}
