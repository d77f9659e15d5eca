// The review feature's entry points: reviewer commands, everyone's 进度, and the card buttons.
import { button, valueOf } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { may } from '../../domain/people.ts';
import { yearArg } from '../../bot/commands.ts';
import type { CardResponse } from '../../inbound.ts';
import type { PageValue } from '../../cards/paging.ts';
import { approvalSummaryCard, approveAll, publishedCard, publishResults, recordApprovals, sendForApproval } from './approval.ts';
import { reviewCardRoutes } from './decide.ts';
import { type ReviewDeps } from './deps.ts';
import { declarantProgress, reviewerQueue } from './progress.ts';
import { approveAllGreen, secondReviewCard, secondReviewList, secondReviewNotYet } from './second.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import type { ComparablePlan } from '../../domain/similar-plans.ts';
import { similarPairsOfYear } from '../../model/similar.ts';
import { command, page, route, type CardContext, type CommandContext } from '../../bot/manifest.ts';
import { reviewYear } from '../../model/review-year.ts';

const SIMILAR_SHOWN = 25;

/** 相似计划: every pair of similar plans of different units in a year, the closest first, with why. */
async function similarOverview(deps: ReviewDeps, year: number) {
  const pairs = await similarPairsOfYear(deps, year);
  const side = (p: ComparablePlan) => `${escapeMarkdown(p.unitName)} ${escapeMarkdown(p.number)}《${escapeMarkdown(p.title)}》${p.month ? `${p.month}月` : ''}`;
  const lines = pairs.slice(0, SIMILAR_SHOWN).map((x) => `- ${side(x.a)} ↔ ${side(x.b)}（都有「${escapeMarkdown(x.titleWords)}」${x.audienceWords ? `，对象都有「${escapeMarkdown(x.audienceWords)}」` : ''}）`);
  return noticeCard({
    title: `相似计划 · ${year}年度`,
    color: pairs.length ? 'orange' : 'green',
    body: pairs.length
      ? [`已申报的计划中有 ${pairs.length} 对相似${pairs.length > SIMILAR_SHOWN ? `，列出最接近的 ${SIMILAR_SHOWN} 对` : ''}：`, ...lines].join('\n')
      : '已申报的计划中没有发现不同单位之间相似的培训班。',
    footer: '判断依据：培训类别相同，名称中表示主题的词相同，培训对象有重叠（或面向全体）。可建议相关单位联合办班〔通知 二(二)五〕，避免项目冗杂〔二(二)四〕。',
  });
}

const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });

export function reviewCommands(deps: ReviewDeps) {
  const year = async (ctx: CommandContext) => (await reviewYear(deps, ctx.now, yearArg(ctx.args))).year;
  return [
    command({
      id: 'progress',
      words: ['进度', '查进度', '审核进度'],
      phrases: ['到哪一步', '到哪步', '到哪了', '审核到哪', '审到哪', '计划到哪一步', '进展', '什么状态', '审核状态', '状态怎么样', '审核结果', '审完没有', '审完了没', '通过了没有', '通过没有', '有没有通过', '审核情况', '在谁手里', '谁在审', '审核'],
      menu: { key: 'progress', label: '进度' },
      audience: 'anyone',
      summary: '查看计划到了哪一步、在谁手里、等了几个工作日',
      run: async (ctx) => {
        if (may(ctx.person, 'reviewer')) await ctx.reply.card(await reviewerQueue(deps));
        if (ctx.person?.unitCode) {
          const card = await declarantProgress(deps, { ...ctx.person, unitCode: ctx.person.unitCode });
          if (card) await ctx.reply.card(card);
        }
        if (!may(ctx.person, 'reviewer') && !ctx.person?.unitCode) await ctx.reply.text('您还没有关联单位。发送「帮助」查看怎么关联。');
      },
    }),
    command({
      id: 'pending',
      words: ['待审', '待初审', '审核'],
      phrases: ['要审', '待审核', '审核列表', '需要审核', '有什么要审', '待处理', '初审'],
      menu: { key: 'pending', label: '待审' },
      audience: 'reviewer',
      summary: '重新发送所有等待初审的计划的审核卡片',
      run: async (ctx) => {
        const waiting = await deps.plans.list({ statuses: ['SUBMITTED'] });
        if (!waiting.length) return ctx.reply.text('没有等待初审的计划。');
        await ctx.reply.card(await reviewerQueue(deps, 1, { log: ctx.log }));
      },
    }),
    command({
      id: 'second_review',
      words: ['复审'],
      phrases: ['复审一下', '二审'],
      menu: { key: 'second_review', label: '复审' },
      audience: 'reviewer',
      summary: '系统关闭后复审：按单位汇总，全部符合要求的可一键通过',
      usage: '复审 或 复审 全部',
      run: async (ctx) => secondReviewList(deps, await year(ctx), ctx.reply, ctx.log, { allCards: /全部/.test(ctx.args) }),
    }),
    command({
      id: 'send_for_approval',
      words: ['报批'],
      phrases: ['报市委', '报市政府', '送审批', '提交审批', '报市委审批'],
      audience: 'reviewer',
      summary: '把复审通过的计划报市委、市政府审批，并生成汇总',
      run: async (ctx) => {
        const y = await year(ctx);
        const notYet = await secondReviewNotYet(deps, y, '报批');
        if (notYet) return ctx.reply.text(notYet);
        await sendForApproval(deps, y, { openId: ctx.openId, channel: 'chat' }, ctx.reply, ctx.log);
      },
    }),
    command({
      id: 'record_approval',
      words: ['审批'],
      phrases: ['审批结果', '登记审批', '批下来'],
      audience: 'reviewer',
      summary: '登记某个计划的审批结果',
      usage: '审批 2027-001 不通过 经费超标',
      run: async (ctx) => {
        const m = /^(\d{4}-\d{3,})\s*(通过|不通过)\s*(.*)$/.exec(ctx.args.replace(/\s+/g, ' ').trim());
        if (!m) return ctx.reply.text('格式：审批 计划编号 通过｜不通过 [理由]，例如：审批 2027-001 不通过 经费超标');
        const r = await recordApprovals(deps, [{ number: m[1]!, approved: m[2] === '通过', comment: m[3] || null }], { openId: ctx.openId, channel: 'chat' });
        await ctx.reply.text(r.recorded ? `已登记：${m[1]} 审批${m[2]}。` : r.problems.join('；'));
      },
    }),
    command({
      id: 'similar',
      words: ['相似计划', '相似项目', '联合办班'],
      phrases: ['重复项目', '重复培训', '类似计划', '可以联合', '项目冗杂'],
      audience: 'reviewer',
      summary: '本年度各单位之间相似的计划：可建议联合办班，避免项目冗杂',
      usage: '相似计划 2027',
      run: async (ctx) => ctx.reply.card(await similarOverview(deps, await year(ctx))),
    }),
    command({
      id: 'publish',
      words: ['公布'],
      phrases: ['发布结果', '公布结果', '发布计划'],
      audience: 'reviewer',
      summary: '向各主管单位公布审批结果（每个单位一张卡片）',
      run: async (ctx) => {
        const y = await year(ctx);
        await ctx.reply.card(
          noticeCard({
            title: `公布${y}年度审批结果？`,
            color: 'orange',
            body: '每个主管单位会收到一张卡片，列出审批通过的培训班和经费，以及未通过的计划和理由。公布后计划状态变为「已公布」。',
            buttons: [button('确认公布', { a: 'publish', year: y }, 'primary_filled')],
          }),
        );
      },
    }),
  ];
}

/**
 * 上一页 / 下一页 of the review lists, for whoever the command served: a reviewer for the queue, 复审 and
 * 报批; a person linked to a unit for that unit's 进度 and its published results.
 */
export function reviewPages(deps: ReviewDeps) {
  const notLinked = toast('error', '您还没有关联单位。发送「帮助」查看怎么关联。');
  const reviewer = (fn: (ctx: CardContext<PageValue>, year: number) => Promise<CardResponse['card']>) =>
    page({ audience: 'reviewer', run: async (ctx) => ({ card: await fn(ctx, ctx.value.year ?? (await reviewYear(deps, ctx.now)).year) }) });
  return {
    progress: page({
      audience: 'declarant',
      run: async (ctx) => {
        const card = await declarantProgress(deps, ctx.person, ctx.value.p);
        return card ? { card } : notLinked;
      },
    }),
    queue: reviewer((ctx) => reviewerQueue(deps, ctx.value.p)),
    pending: reviewer((ctx) => reviewerQueue(deps, ctx.value.p, { log: ctx.log })),
    second: reviewer((ctx, y) => secondReviewCard(deps, y, ctx.value.p)),
    approval: reviewer((ctx, y) => approvalSummaryCard(deps, y, ctx.value.p)),
    published: page({
      audience: 'declarant',
      run: async (ctx) => {
        const card = await publishedCard(deps, ctx.value.year ?? (await reviewYear(deps, ctx.now)).year, ctx.person.unitCode, ctx.value.p);
        return card ? { card } : toast('info', '本单位没有已公布的审批结果');
      },
    }),
  };
}

export function reviewRoutes(deps: ReviewDeps) {
  return {
    ...reviewCardRoutes(deps),
    batch2: route({
      audience: 'reviewer',
      value: valueOf('batch2'),
      run: async (ctx) => {
        const notYet = await secondReviewNotYet(deps, ctx.value.year);
        if (notYet) return toast('warning', notYet.length > 60 ? `${notYet.slice(0, 58)}…` : notYet);
        const { approved: n, own } = await approveAllGreen(deps, ctx.value.year, ctx.person, ctx.log);
        const ownLine = own ? `\n另有 ${own} 个符合要求的计划属于您关联的单位，未由您通过，需由其他审核人员复审。` : '';
        return toast('success', `已复审通过 ${n} 个计划`, noticeCard({ title: `复审：已批量通过 ${n} 个`, color: 'green', body: `由 ${ctx.person.name ?? ctx.person.openId} 批量复审通过（规则检查全部符合）。发送「复审」查看剩余的计划，「报批」报市委、市政府审批。${ownLine}` }));
      },
    }),
    approve_all: route({
      audience: 'reviewer',
      value: valueOf('approve_all'),
      run: async (ctx) => {
        const r = await approveAll(deps, ctx.value.year, { openId: ctx.action.openId, channel: 'card' });
        return r.problems.length ? toast('error', r.problems[0]!) : toast('success', `已登记 ${r.recorded} 个计划审批通过，可发送「公布」公布结果`);
      },
    }),
    publish: route({
      audience: 'reviewer',
      value: valueOf('publish'),
      run: async (ctx) => {
        const r = await publishResults(deps, ctx.value.year, { openId: ctx.action.openId, channel: 'card' }, ctx.log);
        if (r.waiting) return toast('warning', `还有 ${r.waiting} 个计划没有登记审批结果，不能公布`);
        const note = r.unreachable.length ? `；以下单位没有可通知的人员：${r.unreachable.join('、')}` : '';
        return toast('success', `已向 ${r.units} 个单位公布`, noticeCard({ title: `${ctx.value.year}年度审批结果已公布`, color: 'green', body: `已向 ${r.units} 个主管单位发送审批结果${note}。` }));
      },
    }),
  };
}
