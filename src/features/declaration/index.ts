// The declaration feature's entry points: its chat commands, its card buttons, and the hook that sends
// what a person types to their open conversation.
import { button, valueOf } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { summaryCard } from '../../cards/summary-card.ts';
import { currentCampaignYear, defaultCampaign, describeCampaign, phaseAt } from '../../domain/campaign.ts';
import { describesAClass, readClassSentence } from '../../domain/class-sentence.ts';
import { PLAN_FIELDS, type PlanFieldKey } from '../../domain/plan.ts';
import { daysLeft } from '../../domain/reminders.ts';
import { lastReturn } from '../../domain/review.ts';
import type { Person } from '../../domain/people.ts';
import type { Logger } from '../../logger.ts';
import type { CardResponse } from '../../inbound.ts';
import { actOnPlan } from '../../model/plans.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import type { DeclarationDeps } from './deps.ts';
import { formFor, submitForm } from './form.ts';
import { confirmNoPlan, copyData, lastYearCard, myPlansCard } from './my-plans.ts';
import { summaryFindings } from './render.ts';
import { continueDeclaration, editableNow, feed, jumpTo, loadConversation, startDeclaration, submit, type LinkedPerson } from './session.ts';
import { engineContextFor } from '../../model/declarant.ts';
import { silentReply, type Reply } from '../../bot/reply.ts';
import { command, page, route } from '../../bot/manifest.ts';

const UNIT_GONE: CardResponse = { toast: { type: 'error', content: '您关联的单位已不在单位名册中，请联系系统管理员。' } };
const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });

async function withDeclarant(deps: DeclarationDeps, person: LinkedPerson, reply: Reply, fn: (d: Declarant) => Promise<void>) {
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return reply.text(`您关联的单位 ${person.unitCode} 已不在单位名册中，请联系系统管理员。`);
  return fn(d);
}

/** 截止时间: the campaign's dates and where it stands; the notice's usual dates are said to be only that. */
export async function deadlineText(deps: DeclarationDeps, now: Date): Promise<string> {
  const year = currentCampaignYear(now, await deps.campaigns.all());
  const stored = await deps.campaigns.get(year);
  const c = stored ?? defaultCampaign(year);
  const phase = phaseAt(c, now);
  const lines = describeCampaign(c);
  if (phase.phase === 'not_open' && !stored) {
    return [`${year}年度培训计划的申报通知还没有发布。往年的安排如下，以当年的通知为准：`, ...lines.slice(1)].join('\n');
  }
  const left = daysLeft(now, phase.canDeclare ? c.declareClosesAt : c.reviseClosesAt);
  const where = phase.canDeclare
    ? `现在可以申报，${left <= 0 ? '今天截止' : `距申报截止还有 ${left} 天`}。发送「申报」开始。`
    : phase.canRevise
      ? `申报已截止；被退回的计划可以修改后重新提交，${left <= 0 ? '今天截止' : `还有 ${left} 天`}。发送「我的申报」查看。`
      : phase.phase === 'not_open'
        ? '申报尚未开始。'
        : '申报和修改都已截止，系统已关闭。';
  return [...lines, '', where].join('\n');
}

/**
 * A class described in one sentence (「我们局10月想在市委党校办一期40人、3天的财务业务培训，预算2万左右」), sent as
 * such or after 申报: a declaration starts with what it says filled in. False when the text describes no class.
 */
export async function declareFromSentence(deps: DeclarationDeps, person: Person | null, text: string, reply: Reply, log: Logger): Promise<boolean> {
  if (!person?.unitCode) return false;
  const reading = readClassSentence(text, { bases: await deps.bases.all() });
  if (!describesAClass(reading)) return false;
  log.info({ fields: Object.keys(reading.data) }, 'declaration from a sentence');
  await startDeclaration(deps, { ...person, unitCode: person.unitCode }, reply, log, { data: reading.data, channel: 'chat', understood: reading });
  return true;
}

export function declarationCommands(deps: DeclarationDeps) {
  return [
    command({
      id: 'declare',
      words: ['申报', '开始申报', '新建申报', '填报', '我要申报'],
      phrases: ['怎么报', '怎么申报', '如何申报', '报计划', '报培训', '报班', '报个班', '申报培训', '新增计划', '新建计划', '添加培训班', '新增培训班', '填计划', '填一个计划', '申请办班', '办班申报', '开始填', '申报一个'],
      menu: { key: 'declare', label: '开始申报' },
      audience: 'declarant',
      summary: '一问一答填写一个培训班的计划，自动检查是否符合通知要求；也可以一句话说清，例如：申报 10月在市委党校办一期40人、3天的财务培训，预算2万',
      run: async (ctx) => {
        // 申报 followed by a description of the class: what it says is filled in first.
        if (ctx.args && (await declareFromSentence(deps, ctx.person, ctx.args, ctx.reply, ctx.log))) return;
        await startDeclaration(deps, ctx.person, ctx.reply, ctx.log);
      },
    }),
    command({
      id: 'continue',
      words: ['继续', '继续填写', '继续申报'],
      phrases: ['接着填', '继续刚才', '没填完', '上次没填完', '接着申报', '刚才填到'],
      menu: { key: 'continue', label: '继续填写' },
      audience: 'declarant',
      summary: '接着填写没填完的申报',
      run: ({ person: p, reply, log }) => continueDeclaration(deps, p, reply, log),
    }),
    command({
      id: 'form',
      words: ['表单申报', '表单填写', '表单'],
      phrases: ['用表单', '一次填完', '填表单'],
      menu: { key: 'form', label: '表单申报' },
      audience: 'declarant',
      summary: '用一张表单卡片一次填完所有项目',
      run: ({ person: p, reply }) => withDeclarant(deps, p, reply, async (d) => (d.refusal ? reply.text(d.refusal) : reply.card(formFor(d)))),
    }),
    command({
      id: 'deadline',
      words: ['截止时间', '截止日期', '申报时间'],
      phrases: ['截止', '哪天截止', '什么时候截止', '几号截止', '最晚什么时候', '最晚哪天', '期限', '还有几天', '什么时候报', '什么时候开始报', '报到什么时候', '时间安排', '日程安排', '申报期限'],
      audience: 'anyone',
      inGroups: 'here',
      summary: '查看本年度的申报、修改截止时间',
      run: async (ctx) => ctx.reply.text(await deadlineText(deps, ctx.now)),
    }),
    command({
      id: 'my_plans',
      words: ['我的申报', '我的计划', '申报列表', '本单位计划'],
      phrases: ['报了哪些', '已报', '查看计划', '看看计划', '计划列表', '被退回', '退回', '退回来', '打回', '要修改计划', '改计划', '撤回', '报过'],
      menu: { key: 'my_plans', label: '我的申报' },
      audience: 'declarant',
      summary: '查看本单位本年度的计划、状态和下一步',
      run: ({ person: p, reply }) => withDeclarant(deps, p, reply, async (d) => reply.card(await myPlansCard(deps, d))),
    }),
    command({
      id: 'copy_last_year',
      words: ['复制去年', '从去年复制', '复制上一年度'],
      phrases: ['照去年', '跟去年一样', '和去年一样', '去年那个', '按去年'],
      audience: 'declarant',
      summary: '把上一年度的计划复制为本年度的新草稿',
      run: ({ person: p, reply }) => withDeclarant(deps, p, reply, async (d) => reply.card(await lastYearCard(deps, d))),
    }),
    command({
      id: 'no_plan',
      words: ['无计划', '本年度无培训计划', '没有培训计划'],
      phrases: ['不办班', '不办培训', '今年不办', '没有计划', '没计划', '不报', '不用报', '不需要申报', '无需申报', '没有培训', '不培训', '无培训'],
      menu: { key: 'no_plan', label: '本年度无培训计划' },
      audience: 'declarant',
      summary: '登记本单位本年度没有培训计划（完成申报、不再提醒）',
      run: ({ person: p, reply }) =>
        withDeclarant(deps, p, reply, async (d) => {
          if (d.refusal) return reply.text(d.refusal);
          await reply.card(
            noticeCard({
              title: `确认：${d.year}年度无培训计划？`,
              color: 'orange',
              body: `登记后，${d.competent.name}（含二层单位）${d.year}年度的申报即视为完成，不会再收到申报提醒。之后如有培训计划，仍可直接申报。`,
              buttons: [button('确认，本年度无培训计划', { a: 'no_plan', year: d.year, yes: true }, 'primary_filled'), button('不登记', { a: 'no_plan', year: d.year, yes: false })],
            }),
          );
        }),
    }),
  ];
}

/** 上一页 / 下一页 of 我的申报 and of last year's plans: the unit is the clicker's, as for the first page. */
export function declarationPages(deps: DeclarationDeps) {
  const list = (card: (d: Declarant, p: number) => Promise<CardResponse['card']>) =>
    page({
      audience: 'declarant',
      run: async (ctx) => {
        const d = await declarantOf(deps, ctx.person, deps.clock.now());
        return d ? { card: await card(d, ctx.value.p) } : UNIT_GONE;
      },
    });
  return { my_plans: list((d, p) => myPlansCard(deps, d, p)), last_year: list((d, p) => lastYearCard(deps, d, p)) };
}

/** What a linked person types while a declaration is open goes to it (after the explicit commands). */
/** Fields whose answer is free text: a command word could be meant as one (培训对象：审核人员 …). */
const FREE_TEXT: readonly PlanFieldKey[] = ['title', 'audience', 'location', 'institution', 'contactName', 'remarks', 'justification', 'unitName', 'jointUnits'];

/** The free-text question an open declaration is waiting on, if any. */
export async function openQuestion(deps: DeclarationDeps, person: Person | null): Promise<{ planId: number; field: PlanFieldKey; label: string } | null> {
  if (!person?.unitCode) return null;
  const conv = await loadConversation(deps, person.openId);
  const step = conv?.state.step;
  if (!conv || !step || step === 'summary' || conv.state.confirming || !FREE_TEXT.includes(step as PlanFieldKey)) return null;
  return { planId: conv.state.planId, field: step as PlanFieldKey, label: PLAN_FIELDS.find((f) => f.key === step)!.label };
}

/** What a linked person types while a declaration is open goes to it (after the explicit commands). */
export async function feedText(deps: DeclarationDeps, person: Person | null, text: string, reply: Reply, log: Logger): Promise<boolean> {
  if (!person?.unitCode) return false;
  return (await feed(deps, { ...person, unitCode: person.unitCode }, { kind: 'text', text }, reply, log, 'chat')).handled;
}

const STALE_CARD = '计划在这张卡片发出后已有变化，卡片已过期。请发送「我的申报」查看最新状态。';

export function declarationRoutes(deps: DeclarationDeps) {
  const declarant = (person: LinkedPerson) => declarantOf(deps, person, deps.clock.now());

  return {
    declare: route({
      audience: 'declarant',
      value: valueOf('declare'),
      run: async (ctx) => {
        await startDeclaration(deps, ctx.person, ctx.reply, ctx.log);
        return toast('success', '已开始，请看下一条消息');
      },
    }),
    form_open: route({
      audience: 'declarant',
      value: valueOf('form_open'),
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return UNIT_GONE;
        if (d.refusal) {
          await ctx.reply.text(d.refusal);
          return toast('info', '现在不能新建申报，请看下一条消息');
        }
        await ctx.reply.card(formFor(d));
        return toast('success', '已发送申报表单');
      },
    }),
    answer: route({
      audience: 'declarant',
      value: valueOf('answer'),
      run: async (ctx) => {
        const { plan, field, value } = ctx.value;
        const conv = await loadConversation(deps, ctx.person.openId);
        if (conv?.state.planId !== plan) await jumpTo(deps, ctx.person, plan, field, silentReply);
        const r = await feed(deps, ctx.person, { kind: 'choice', field, value }, ctx.reply, ctx.log, 'card');
        if (!r.handled) return toast('error', '这张卡片已过期，发送「我的申报」查看计划');
        const label = PLAN_FIELDS.find((f) => f.key === field)!.label;
        return toast('success', `${label}：${value.length <= 2 && /^\d+$/.test(value) && field === 'month' ? `${value}月` : value}`);
      },
    }),
    summary: route({
      audience: 'declarant',
      value: valueOf('summary'),
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return UNIT_GONE;
        const plan = await deps.plans.get(ctx.value.plan);
        if (!plan || plan.unitCode !== d.competent.code) return toast('error', '找不到这个计划');
        if (plan.version !== ctx.value.v) return toast('warning', '这张汇总卡片已过期：计划之后又修改过。请看最新的汇总。');
        const reply = ctx.reply;
        switch (ctx.value.op) {
          case 'submit': {
            const r = await submit(deps, { d, plan, actor: ctx.person.openId, channel: 'card', reply, log: ctx.log });
            if (!r.ok) return toast('warning', '还不能提交，请看下一条消息');
            const ec = await engineContextFor(deps, d, d.year, plan.id);
            return toast('success', `已提交 ${r.plan.number}`, summaryCard({ plan: r.plan, unitName: d.competent.name, ...summaryFindings(r.plan.data, ec) }));
          }
          case 'save': {
            const conv = await loadConversation(deps, ctx.person.openId);
            if (conv?.state.planId === plan.id) await deps.conversations.end(ctx.person.openId, conv.version);
            return toast('success', `已保存草稿 ${plan.number}，发送「继续」可接着填写`);
          }
          case 'justify':
            await jumpTo(deps, ctx.person, plan.id, 'justification', reply);
            return toast('info', '请在对话中填写情况说明');
          case 'cancel':
            return toast('info', '请确认是否取消', noticeCard({
              title: `取消申报 ${plan.number}？`,
              color: 'orange',
              body: '取消后这份草稿会删除（操作记录仍保留）。',
              buttons: [button('确认取消', { a: 'cancel_confirm', plan: plan.id, yes: true, v: plan.version }, 'danger_filled'), button('继续填写', { a: 'cancel_confirm', plan: plan.id, yes: false }, 'primary')],
            }));
        }
      },
    }),
    edit_field: route({
      audience: 'declarant',
      value: valueOf('edit_field'),
      run: async (ctx) => {
        const field = ctx.action.option as PlanFieldKey | undefined;
        if (!field || !PLAN_FIELDS.some((f) => f.key === field)) return toast('error', '请选择要修改的项目');
        await jumpTo(deps, ctx.person, ctx.value.plan, field, ctx.reply);
        return toast('info', `修改「${PLAN_FIELDS.find((f) => f.key === field)!.label}」：请在对话中回复`);
      },
    }),
    cancel_confirm: route({
      audience: 'declarant',
      value: valueOf('cancel_confirm'),
      run: async (ctx) => {
        const plan = await deps.plans.get(ctx.value.plan);
        if (!plan || plan.unitCode !== ctx.person.unitCode) return toast('error', '找不到这个计划');
        if (!ctx.value.yes) {
          await startDeclaration(deps, ctx.person, ctx.reply, ctx.log, { planId: plan.id });
          return toast('info', '好的，接着填写');
        }
        // Only the draft as the card showed it is deleted: a replayed or outdated click deletes nothing.
        if (ctx.value.v !== plan.version) return toast('warning', STALE_CARD);
        const r = await actOnPlan(deps, { id: plan.id, version: ctx.value.v, action: 'discard', actor: ctx.person.openId, channel: 'card', now: deps.clock.now() });
        if (!r.ok) return toast('error', r.message);
        const conv = await loadConversation(deps, ctx.person.openId);
        if (conv?.state.planId === plan.id) await deps.conversations.end(ctx.person.openId, conv.version);
        return toast('success', '已取消', noticeCard({ title: `已取消 ${plan.number}`, color: 'grey', body: '草稿已删除。需要时发送「申报」重新开始。' }));
      },
    }),
    form_submit: route({
      audience: 'declarant',
      value: valueOf('form_submit'),
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return UNIT_GONE;
        if (d.refusal && !ctx.value.plan) {
          await ctx.reply.text(d.refusal);
          return toast('error', '现在不能新建申报，请看下一条消息');
        }
        return submitForm(deps, d, ctx.person.openId, ctx.action.formValue, ctx.value.plan);
      },
    }),
    plan: route({
      audience: 'declarant',
      value: valueOf('plan'),
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return UNIT_GONE;
        const plan = await deps.plans.get(ctx.value.plan);
        if (!plan || plan.unitCode !== d.competent.code) return toast('error', '找不到这个计划');
        const reply = ctx.reply;
        switch (ctx.value.op) {
          case 'open': {
            const ec = await engineContextFor(deps, d, plan.year, plan.id);
            await reply.card(summaryCard({ plan, unitName: d.competent.name, ...summaryFindings(plan.data, ec) }));
            return toast('success', `已发送 ${plan.number} 的详情`);
          }
          case 'edit': {
            // The toast says what the chat will say: a plan that cannot be filled now is refused in both.
            const why = await editableNow(deps, d, plan);
            if (why) return toast('error', why);
            await startDeclaration(deps, ctx.person, reply, ctx.log, { planId: plan.id });
            return toast('success', `继续填写 ${plan.number}`);
          }
          case 'copy':
            await startDeclaration(deps, ctx.person, reply, ctx.log, { data: copyData(plan, d.year) });
            await reply.text(`已把 ${plan.number} 复制为新草稿，请逐项确认（发送「修改 某项」调整）。`);
            return toast('success', '已复制为新计划');
          case 'withdraw': {
            // The plan as the card showed it: after a resubmission an old (or replayed) 撤回 does nothing.
            if (ctx.value.v !== plan.version) return toast('warning', STALE_CARD, await myPlansCard(deps, d, ctx.value.pg));
            const r = await actOnPlan(deps, { id: plan.id, version: ctx.value.v, action: 'withdraw', actor: ctx.person.openId, channel: 'card', now: deps.clock.now() });
            if (!r.ok) return toast('error', r.message);
            return toast('success', `已撤回 ${plan.number}，现在是草稿`, await myPlansCard(deps, d, ctx.value.pg));
          }
        }
      },
    }),
    last_year: route({
      audience: 'declarant',
      value: valueOf('last_year'),
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return UNIT_GONE;
        await ctx.reply.card(await lastYearCard(deps, d));
        return toast('success', '已发送上一年度的计划');
      },
    }),
    no_plan: route({
      audience: 'declarant',
      value: valueOf('no_plan'),
      run: async (ctx) => {
        const d = await declarant(ctx.person);
        if (!d) return UNIT_GONE;
        if (ctx.value.year !== d.year) return toast('warning', '这张卡片已过期');
        if (!ctx.value.yes) return toast('info', '没有登记', noticeCard({ title: '没有登记', color: 'grey', body: '本年度仍需申报。发送「申报」开始。' }));
        const result = await confirmNoPlan(deps, d, ctx.person.openId, ctx.reply);
        return result === '已登记'
          ? toast('success', '已登记', noticeCard({ title: `已登记：${d.year}年度无培训计划`, color: 'green', body: `${d.competent.name}` }))
          : toast('error', result);
      },
    }),
    // The declarant's 修改 on a returned plan's notice: the conversation walks through the fields the reviewer named.
    revise: route({
      audience: 'declarant',
      value: valueOf('revise'),
      run: async (ctx) => {
        const plan = await deps.plans.get(ctx.value.plan);
        if (!plan || plan.unitCode !== ctx.person.unitCode) return toast('error', '找不到这个计划');
        if (plan.status !== 'RETURNED') return toast('info', `计划 ${plan.number} 现在不是待修改状态`);
        if (!(await declarant(ctx.person))) return toast('error', '您关联的单位已不在名册中');
        const fields = (lastReturn(await deps.plans.events(plan.id))?.fields ?? []).map((f) => f.field);
        await jumpTo(deps, ctx.person, plan.id, fields[0] ?? 'title', ctx.reply, { queue: fields.slice(1), returnTo: 'summary' });
        return toast('success', `修改 ${plan.number}：请按对话逐项修改`);
      },
    }),
  };
}
