// 绑定: a person asks to be linked to a competent unit; every admin gets a card with 同意 / 拒绝; the first
// decision wins (conditional update), every admin's card is updated, and the person is told the outcome.
import { linkRequestCard } from '../../cards/link-card.ts';
import { formatDateTime } from '../../domain/dates.ts';
import type { Person } from '../../domain/people.ts';
import { isCompetent, normalizeBudgetCode, unitsByName } from '../../domain/units.ts';
import { button, valueOf } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import type { Logger } from '../../logger.ts';
import type { Ports } from '../../ports/index.ts';
import type { Reply } from '../../bot/reply.ts';
import { command, route } from '../../bot/manifest.ts';
import type { CardResponse } from '../../inbound.ts';

export type LinkingDeps = Pick<Ports, 'links' | 'people' | 'roster' | 'registry' | 'messenger' | 'directory' | 'clock'>;

const adminCardKey = (requestId: number, admin: string) => `link:${requestId}:${admin}`;

async function nameOf(deps: LinkingDeps, openId: string, log: Logger): Promise<string | null> {
  try {
    return (await deps.directory.getUser(openId))?.name ?? null;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not look up a name');
    return null;
  }
}

/** Files a request (or says why not); returns the text to tell the person. */
export async function requestLink(deps: LinkingDeps, person: Person | null, openId: string, rawCode: string, log: Logger): Promise<string> {
  // A request waiting for an admin is the answer, whatever code or name came with this one.
  const waiting = person?.unitCode ? null : await deps.links.pendingOf(openId);
  if (waiting) return `您已在 ${formatDateTime(waiting.createdAt)} 申请关联单位 ${waiting.unitCode}，正在等待管理员确认，确认后会通知您。`;
  const code = normalizeBudgetCode(rawCode);
  if (!code) return '请在「绑定」后面写上本单位的预算单位代码或名称，例如：绑定 101001，或：绑定 交通运输局';
  const unit = await deps.registry.unit(code);
  if (!unit) return `单位名册中没有预算单位代码「${code}」。请核对代码（须与财政预算管理一体化系统一致）后重新发送。`;
  if (unit.parentCode) {
    const parent = await deps.registry.unit(unit.parentCode);
    return `「${unit.name}」是二层单位，由主管单位统一申报。请申请关联主管单位：绑定 ${unit.parentCode}${parent ? `（${parent.name}）` : ''}`;
  }
  if (person?.unitCode === code) return `您已经关联到「${unit.name}」，可以直接申报。发送「帮助」查看怎么做。`;
  if (person?.unitCode) return `您已关联到单位 ${person.unitCode}。如需改为「${unit.name}」，请联系系统管理员。`;

  const admins = await deps.roster.byRole('admin');
  if (!admins.length) {
    log.error('link request but no admin is configured');
    return '系统还没有设置管理员，暂时无法处理关联申请。请联系市人力资源社会保障局职建科（0772-2825472）。';
  }
  const now = deps.clock.now();
  const request = await deps.links.create(openId, code, now);
  await deps.people.touch(openId);
  const card = linkRequestCard({ requestId: request.id, person: { openId, name: person?.name ?? (await nameOf(deps, openId, log)) }, unit, at: now });
  for (const admin of admins) await deps.messenger.sendCard({ openId: admin.openId }, card, adminCardKey(request.id, admin.openId));
  log.info({ requestId: request.id, unitCode: code }, 'link requested');
  return `已提交申请：关联到「${unit.name}」（${code}）。管理员确认后会通知您。`;
}

/** 绑定 followed by a name (「绑定 交通运输局」): the closest units of the registry to pick from, or why none. */
export async function linkByName(deps: LinkingDeps, query: string): Promise<{ text: string } | { card: ReturnType<typeof noticeCard> }> {
  const matches = unitsByName(query, await deps.registry.units());
  const shown = query.length > 20 ? `${query.slice(0, 20)}…` : query;
  if (!matches.length) {
    return { text: `单位名册中没有名称像「${shown}」的单位。请写单位全称或其中几个字（例如：绑定 交通运输局），或本单位的预算单位代码（例如：绑定 101001，可向本单位财务人员询问）。` };
  }
  return {
    card: noticeCard({
      title: '选择您的单位',
      color: 'blue',
      body: [
        `单位名册中与「${escapeMarkdown(shown)}」最接近的${matches.length > 1 ? ` ${matches.length} 个` : ''}单位：`,
        ...matches.map((u) => `- **${escapeMarkdown(u.name)}**（${u.code}）${isCompetent(u) ? '' : '，二层单位，由主管单位统一申报'}`),
      ].join('\n'),
      buttons: matches.map((u, i) => button(u.name.length > 14 ? `${u.name.slice(0, 13)}…` : u.name, { a: 'link_to', code: u.code }, i === 0 ? 'primary' : 'default')),
      footer: '点您所在的单位提交关联申请，管理员确认后即可申报。都不是？请发送「绑定 预算单位代码」。',
    }),
  };
}

const looksLikeName = (args: string) => /[\u4e00-\u9fff]/.test(args);

export function linkCommand(deps: LinkingDeps) {
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
        const r = await linkByName(deps, ctx.args);
        return 'card' in r ? ctx.reply.card(r.card) : ctx.reply.text(r.text);
      }
      await ctx.reply.text(await requestLink(deps, ctx.person, ctx.openId, ctx.args, ctx.log));
    },
  });
}

export function linkCardRoutes(deps: LinkingDeps) {
  const answer = async (ctx: { reply: Reply }, text: string): Promise<CardResponse> => {
    await ctx.reply.text(text);
    return { toast: { type: text.startsWith('已提交') ? 'success' : 'info', content: text.length > 40 ? `${text.slice(0, 38)}…` : text } };
  };
  return {
    link_request: route({
      audience: 'anyone',
      value: valueOf('link_request'),
      run: async (ctx) => {
        const code = ctx.action.formValue?.code;
        return answer(ctx, await requestLink(deps, ctx.person, ctx.action.openId, typeof code === 'string' ? code : '', ctx.log));
      },
    }),
    link_to: route({
      audience: 'anyone',
      value: valueOf('link_to'),
      run: async (ctx) => answer(ctx, await requestLink(deps, ctx.person, ctx.action.openId, ctx.value.code, ctx.log)),
    }),
    link_decide: route({
      audience: 'admin',
      value: valueOf('link_decide'),
      run: async (ctx) => {
        const request = await deps.links.get(ctx.value.req);
        if (!request) return { toast: { type: 'error', content: '找不到这个申请' } };
        const unit = await deps.registry.unit(request.unitCode);
        if (!unit) return { toast: { type: 'error', content: `单位 ${request.unitCode} 已不在名册中` } };
        const by = ctx.person.name ?? ctx.action.openId;
        const won = request.status === 'pending' && (await deps.links.decide(request.id, request.version, ctx.value.approve, by, ctx.now));
        const decided = won ? { approve: ctx.value.approve, by, at: ctx.now } : await decisionOf(deps, request.id);
        const requester = await deps.people.find(request.openId);
        const card = linkRequestCard({ requestId: request.id, person: { openId: request.openId, name: requester?.name ?? null }, unit, at: request.createdAt, decided });
        if (!won) return { toast: { type: 'info', content: decided ? `已由 ${decided.by} 于 ${formatDateTime(decided.at)} 处理` : '这个申请已处理' }, card };

        if (ctx.value.approve) await deps.roster.bind(request.openId, request.unitCode);
        await deps.messenger.sendText(
          { openId: request.openId },
          ctx.value.approve
            ? `管理员已同意：您已关联到「${unit.name}」（${unit.code}），可以为本单位申报培训计划了。发送「申报」开始，或发送「帮助」查看能做什么。`
            : `管理员没有同意您关联到「${unit.name}」的申请。如有疑问，请联系本单位培训联系人或市人力资源社会保障局职建科（0772-2825472）。`,
          `link:${request.id}:outcome`,
        );
        for (const admin of await deps.roster.byRole('admin')) {
          await deps.messenger.patchCard({ sentKey: adminCardKey(request.id, admin.openId) }, `user:${admin.openId}`, card, `${adminCardKey(request.id, admin.openId)}:decided`);
        }
        ctx.log.info({ requestId: request.id, approve: ctx.value.approve }, 'link decided');
        return { toast: { type: 'success', content: ctx.value.approve ? '已同意' : '已拒绝' }, card };
      },
    }),
  };
}

async function decisionOf(deps: LinkingDeps, id: number) {
  const r = await deps.links.get(id);
  return r?.decidedAt && r.decidedBy ? { approve: r.status === 'approved', by: r.decidedBy, at: r.decidedAt } : undefined;
}
