// Declaring a plan by chat or by one form [seed 二(一)1]: 申报 and its conversation, 继续, 表单申报, 我的申报,
// 复制去年, 无计划, 截止时间; a class told in one sentence; the nudge for drafts left alone.
import { command, type Feature, type Kit, type LinkedPerson } from '../../bot/manifest.ts';
import type { Reply } from '../../bot/reply.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import { comingDeadline, deadlines } from './deadline.ts';
import type { DeclarationDeps } from './deps.ts';
import { feed } from './feed.ts';
import { lastYearPlans, myPlans } from './my-plans.ts';
import { nudgeIdleDrafts, type NudgeRun } from './nudges.ts';
import { openQuestion } from './open-question.ts';
import { deadlineText, formCard, nudgeRunLines, unitGoneText, welcomeLine } from './replies.ts';
import { lastYearCard, myPlansCard, noPlanConfirmCard } from './replies-plans.ts';
import { feedSaid, startSaid } from './replies-session.ts';
import { planPages, planRoutes } from './routes-plans.ts';
import { conversationRoutes } from './routes.ts';
import { send } from './said.ts';
import { continueDeclaration, declareFromSentence, startDeclaration } from './start.ts';

export function declarationFeature(ports: Omit<DeclarationDeps, 'hub'>, kit: Kit): Feature {
  const deps: DeclarationDeps = { ...ports, hub: kit.hub };
  /** A command for the declarant's unit as it is in the registry now. */
  const withDeclarant = async (person: LinkedPerson, reply: Reply, run: (d: Declarant) => Promise<void>) => {
    const d = await declarantOf(deps, person, deps.clock.now());
    return d ? run(d) : reply.text(unitGoneText(person.unitCode));
  };
  // Declared apart from the feature object: there the list's type would widen each command's audience.
  const commands = [
    command({
      id: 'declare',
      words: ['申报', '开始申报', '新建申报', '填报', '我要申报'],
      phrases: ['怎么报', '怎么申报', '如何申报', '报计划', '报培训', '报班', '报个班', '申报培训', '新增计划', '新建计划', '添加培训班', '新增培训班', '填计划', '填一个计划', '申请办班', '办班申报', '开始填', '申报一个'],
      menu: { key: 'declare', label: '开始申报' },
      audience: 'declarant',
      summary: '一问一答填写一个培训班的计划，自动检查是否符合通知要求；也可以一句话说清，例如：申报 10月在市委党校办一期40人、3天的财务培训，预算2万',
      run: async ({ person, args, reply, log }) => {
        // 申报 followed by a description of the class: what it says is filled in first.
        const r = (args && (await declareFromSentence(deps, person, args, log))) || (await startDeclaration(deps, person, log));
        await send(reply, startSaid(r));
      },
    }),
    command({
      id: 'continue',
      words: ['继续', '继续填写', '继续申报'],
      phrases: ['接着填', '继续刚才', '没填完', '上次没填完', '接着申报', '刚才填到'],
      menu: { key: 'continue', label: '继续填写' },
      audience: 'declarant',
      summary: '接着填写没填完的申报',
      run: async ({ person, reply, log }) => send(reply, startSaid(await continueDeclaration(deps, person, log))),
    }),
    command({
      id: 'form',
      words: ['表单申报', '表单填写', '表单'],
      phrases: ['用表单', '一次填完', '填表单'],
      menu: { key: 'form', label: '表单申报' },
      audience: 'declarant',
      summary: '用一张表单卡片一次填完所有项目',
      run: ({ person, reply }) => withDeclarant(person, reply, (d) => (d.refusal ? reply.text(d.refusal) : reply.card(formCard(d)))),
    }),
    command({
      id: 'deadline',
      words: ['截止时间', '截止日期', '申报时间'],
      phrases: ['截止', '哪天截止', '什么时候截止', '几号截止', '最晚什么时候', '最晚哪天', '期限', '还有几天', '什么时候报', '什么时候开始报', '报到什么时候', '时间安排', '日程安排', '申报期限'],
      audience: 'anyone',
      inGroups: 'here',
      summary: '查看本年度的申报、修改截止时间',
      run: async ({ reply, now }) => reply.text(deadlineText(await deadlines(deps, now))),
    }),
    command({
      id: 'my_plans',
      words: ['我的申报', '我的计划', '申报列表', '本单位计划'],
      phrases: ['报了哪些', '已报', '查看计划', '看看计划', '计划列表', '被退回', '退回', '退回来', '打回', '要修改计划', '改计划', '撤回', '报过'],
      menu: { key: 'my_plans', label: '我的申报' },
      audience: 'declarant',
      summary: '查看本单位本年度的计划、状态和下一步',
      run: ({ person, reply }) => withDeclarant(person, reply, async (d) => reply.card(myPlansCard(await myPlans(deps, d)))),
    }),
    command({
      id: 'copy_last_year',
      words: ['复制去年', '从去年复制', '复制上一年度'],
      phrases: ['照去年', '跟去年一样', '和去年一样', '去年那个', '按去年'],
      audience: 'declarant',
      summary: '把上一年度的计划复制为本年度的新草稿',
      run: ({ person, reply }) => withDeclarant(person, reply, async (d) => reply.card(lastYearCard(await lastYearPlans(deps, d)))),
    }),
    command({
      id: 'no_plan',
      words: ['无计划', '本年度无培训计划', '没有培训计划'],
      phrases: ['不办班', '不办培训', '今年不办', '没有计划', '没计划', '不报', '不用报', '不需要申报', '无需申报', '没有培训', '不培训', '无培训'],
      menu: { key: 'no_plan', label: '本年度无培训计划' },
      audience: 'declarant',
      summary: '登记本单位本年度没有培训计划（完成申报、不再提醒）',
      run: ({ person, reply }) => withDeclarant(person, reply, (d) => (d.refusal ? reply.text(d.refusal) : reply.card(noPlanConfirmCard(d)))),
    }),
  ];
  return {
    name: 'declaration',
    commands,
    cards: { ...conversationRoutes(deps), ...planRoutes(deps) },
    pages: planPages(deps),
    chat: {
      // What a linked person types while a declaration is open goes to it (after the explicit commands).
      intercept: {
        order: 20,
        take: async (person, text, reply, log) => {
          if (!person?.unitCode) return false;
          const r = await feed(deps, { ...person, unitCode: person.unitCode }, { kind: 'text', text }, log, 'chat');
          await send(reply, feedSaid(r));
          return r.status !== 'none';
        },
      },
      sentence: async (person, text, reply, log) => {
        const r = await declareFromSentence(deps, person, text, log);
        if (r) await send(reply, startSaid(r));
        return !!r;
      },
      openQuestion: (person) => openQuestion(deps, person),
      welcomeLine: async (person) => welcomeLine(await comingDeadline(deps, person)),
    },
    jobs: [
      {
        name: 'draft-nudges',
        title: '草稿提醒',
        description: '提醒放置超过 24 小时的申报草稿（每份草稿每次闲置只提醒一次，08:30–20:00）',
        schedule: '5 * * * *',
        run: (now) => nudgeIdleDrafts(deps, now),
        describe: (r) => nudgeRunLines(r as NudgeRun),
      },
    ],
  };
}
