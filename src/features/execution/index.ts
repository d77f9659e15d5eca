// The execution feature's entry points [seed 一, 二(一)4-5]: 执行 (the unit's classes and their six steps),
// 完成情况 (the year's report), 补录 (past years), 附件 and 上传情况说明; the card buttons; files sent for a
// package or a statement; and what the CLI and the scheduled job call.
import { executionListCard, MENU_OPTIONS } from '../../cards/execution-list-card.ts';
import { pagerRow, pageText, resendLine, weightedPageOf } from '../../cards/paging.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { beijingYmd, formatDateTime, ymdParts } from '../../domain/dates.ts';
import { BACKFILL_FROM_YEAR, backfillYears, CIRCLED, classLabel, formatRange, OUTCOME_LABELS, type StepNo } from '../../domain/execution.ts';
import { may, type Person } from '../../domain/people.ts';
import { tentativeNote } from '../../domain/working-days.ts';
import { valueOf } from '../../cards/actions.ts';
import { yearArg } from '../../bot/commands.ts';
import { refusal } from '../../bot/card-actions.ts';
import type { CardResponse } from '../../inbound.ts';
import { runExecutionAlerts } from './alerts.ts';
import { cancelClass, changeDates, classCardOf, executablePlan, newClassForm, openStep, ownClass, recordClass, saveStep, type Linked } from './classes.ts';
import type { ExecutionDeps } from './deps.ts';
import { expectStatement, sendPlanFiles } from './files.ts';
import { confirmHistory, historyTemplateFile } from './history.ts';
import { decidePackage, packageCardAgain, packageReturnForm, sendPackageFiles } from './package.ts';
import { completion } from './report.ts';
import { completionSheet } from './replies/report-sheet.ts';
import { allCompletionCard, COMPLETION_LISTS, completionListCard, unitCompletionCard } from './replies/report.ts';
import { executionYears, loadExecution, type PlanExecution } from './view.ts';
import type { Reply } from '../../bot/reply.ts';
import { command, page, route } from '../../bot/manifest.ts';

const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });
const linked = (p: Person | null): p is Linked => !!p?.unitCode;

/** Class lines shown under a plan on the 执行 list (each about 170 bytes); the menu reaches every class. */
const CLASS_LINES = 10;
/** A page holds at most 8 plans and 40 classes (the menu's options), so it stays near 20 KB and 120 elements. */
const EXEC_PAGE = { max: 8, budget: MENU_OPTIONS, weight: (p: PlanExecution) => Math.max(1, p.classes.length) };

/** 执行: the unit's approved plans of this year and next, their classes at a glance, and menus to act. */
export async function executionList(deps: ExecutionDeps, person: Linked, years?: number[], page = 1) {
  const now = deps.clock.now();
  const unit = await deps.registry.unit(person.unitCode);
  const ys = years ?? executionYears(now);
  const plans = (await loadExecution(deps, { years: ys, unitCode: person.unitCode }, now)).sort((a, b) => a.plan.number.localeCompare(b.plan.number));
  const resend = `执行${years?.length === 1 ? ` ${years[0]}` : ''}`;
  if (!plans.length) {
    return noticeCard({
      title: `执行情况 · ${unit?.name ?? person.unitCode}`,
      color: 'grey',
      body: `${ys.join('、')}年度没有审批通过的计划，暂无需要填报的执行情况。\n往年的培训项目请发送「补录」补录执行数据。`,
    });
  }
  const text = (p: PlanExecution) => {
    const head = `**${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》**　${p.plan.data.scope ?? ''} · 批准 ${p.outcome.sessions} 期 · ${OUTCOME_LABELS[p.outcome.status]}`;
    const classes = p.classes.slice(0, CLASS_LINES).map((c) => {
      const marks = c.outcome.steps.map((s) => `${CIRCLED[s.step]}${s.done ? (s.late ? '🟡' : '✅') : s.pending === 'submitted' ? '⏳' : s.pending === 'returned' ? '↩️' : s.overdue ? '🔴' : s.dueSoon ? '🟠' : '⚪'}`).join(' ');
      return `第${c.cls.seq}期 ${formatRange(c.cls.start, c.cls.end)}${c.tentativeYears.length ? '（期限暂定）' : ''}\n${marks}`;
    });
    const hidden = p.classes.length - CLASS_LINES;
    const more = hidden > 0 ? [`……另有 ${hidden} 期，${p.classes.length > MENU_OPTIONS ? `菜单列出前 ${MENU_OPTIONS} 期，其余各期请发送「完成情况」查看` : '从下面的菜单选一期查看'}`] : [];
    const missing = p.outcome.missing.length ? [`<font color='red'>缺：${escapeMarkdown(p.outcome.missing.join('；'))}</font>`] : [];
    const room = p.classes.length < p.outcome.sessions ? [`还有 ${p.outcome.sessions - p.classes.length} 期未登记开班日期${p.statement ? '（已上传情况说明）' : ''}`] : [];
    return [head, ...classes, ...more, ...missing, ...room].join('\n');
  };
  const overdue = plans.some((p) => p.classes.some((c) => c.outcome.steps.some((s) => s.overdue)));
  const soon = plans.some((p) => p.classes.some((c) => c.outcome.steps.some((s) => s.dueSoon)));
  const shown = weightedPageOf(plans, page, EXEC_PAGE);
  const guessed = [...new Set(plans.flatMap((p) => p.classes.flatMap((c) => c.tentativeYears)))].sort((a, b) => a - b);
  return executionListCard({
    title: `执行情况 · ${unit?.name ?? person.unitCode}`,
    subtitle: `${ys.join('、')}年度 · ${plans.length} 个审批通过的计划`,
    color: overdue ? 'red' : soon ? 'orange' : 'blue',
    intro: `①培训包审核 ②发布 ③报名审核 须在开班前 5 个工作日完成〔通知 一、二(一)4〕；④签到 ⑤教培管理 ⑥结算 须在结班后 5 个工作日内填报〔通知 一、二(一)5〕。✅已完成 🟡逾期完成 ⏳审核中 ↩️已退回修改 🟠快到期 🔴已逾期 ⚪未到期${guessed.length ? `\n期限暂定的：${tentativeNote(guessed)}。` : ''}`,
    plans: shown.items.map((p) => ({ text: text(p) })),
    pageLine: shown.pages > 1 ? pageText(shown, '个计划') : '',
    classes: shown.items.flatMap((p) => p.classes.map((c) => ({ id: c.cls.id, label: `${classLabel(p.plan.number, c.cls.seq)} ${p.plan.data.title ?? ''}` }))),
    plansWithRoom: shown.items.filter((p) => p.classes.length < p.outcome.sessions).map((p) => ({ id: p.plan.id, label: `${p.plan.number} ${p.plan.data.title ?? ''}` })),
    pager: pagerRow(shown, 'exec', now, years?.length === 1 ? years[0] : undefined),
    footer: '从上面的菜单选一期填报，或选一个计划登记开班日期（菜单列出本页的计划）。审批通过但不开展的计划，发送「上传情况说明 计划编号」上传盖章的情况说明。',
    resend: resendLine(resend),
  });
}

/** 补录 for a declarant: what the unit has on record since 2020 and what is missing. */
async function backfillCard(deps: ExecutionDeps, person: Linked) {
  const now = deps.clock.now();
  const y = ymdParts(beijingYmd(now)).y;
  const plans = await loadExecution(deps, { years: backfillYears(now), unitCode: person.unitCode }, now);
  const gaps = plans.filter((p) => p.outcome.missing.length);
  const unit = await deps.registry.unit(person.unitCode);
  const campaign = (await deps.campaigns.all()).find((c) => c.year === y + 1);
  const deadline = campaign ? formatDateTime(new Date(campaign.backfillClosesAt.getTime() - 1)) : `${y}年12月31日`;
  return noticeCard({
    title: `执行数据补录 · ${unit?.name ?? person.unitCode}`,
    color: gaps.length ? 'orange' : 'green',
    body: [
      `${BACKFILL_FROM_YEAR}年以来审批通过的培训项目须补齐六个环节的数据，截止 **${deadline}**。`,
      `系统中本单位 ${BACKFILL_FROM_YEAR}–${y - 1} 年共 ${plans.length} 个计划，${plans.reduce((n, p) => n + p.classes.length, 0)} 期；数据不全的 ${gaps.length} 个：`,
      ...(gaps.length ? gaps.slice(0, 20).map((p) => `- ${p.plan.number}《${escapeMarkdown(p.plan.data.title ?? '')}》${escapeMarkdown(p.outcome.missing.join('；'))}`) : ['（无）']),
      '',
      '已发送补录表（已预填系统中的计划和期次）。补齐后把文件直接发给我；系统中没有的往年项目，新增一行即可。未开展的计划请发送「上传情况说明 计划编号」。',
    ].join('\n'),
  });
}

export function executionCommands(deps: ExecutionDeps) {
  return [
    command({
      id: 'execution',
      words: ['执行', '执行情况', '登记开班', '开班', '填报执行'],
      phrases: ['报执行', '上报执行', '培训开始', '班开了', '办完了', '办班情况', '执行登记', '培训办完', '开了班'],
      menu: { key: 'execution', label: '执行情况' },
      audience: 'declarant',
      summary: '登记审批通过的培训班的开班日期，填报六个环节（培训包、发布、报名、签到、教培、结算）',
      usage: '执行 或 执行 2027',
      run: async (ctx) => {
        const y = yearArg(ctx.args);
        await ctx.reply.card(await executionList(deps, ctx.person, y ? [y] : undefined));
      },
    }),
    command({
      id: 'completion',
      words: ['完成情况', '年度完成情况', '计划完成情况'],
      phrases: ['完成了多少', '完成率', '完成得怎么样', '完成统计'],
      menu: { key: 'completion', label: '完成情况' },
      audience: 'anyone',
      summary: '单位年度计划完成情况：每期六个环节是否完成、缺什么、情况说明；审核人员另有压减经费名单和 Excel',
      usage: '完成情况 或 完成情况 2026',
      run: async (ctx) => {
        const year = yearArg(ctx.args) ?? ymdParts(beijingYmd(ctx.now)).y;
        if (may(ctx.person, 'reviewer')) {
          const c = await completion(deps, year);
          await ctx.reply.card(allCompletionCard(c));
          const data = await deps.executionSheets.exportCompletion(completionSheet(c));
          await ctx.reply.file(`${year}年度单位计划完成情况.xlsx`, data);
          return;
        }
        if (!linked(ctx.person)) return ctx.reply.text('您还没有关联单位。发送「帮助」查看怎么关联。');
        const unit = await deps.registry.unit(ctx.person.unitCode);
        await ctx.reply.card(unitCompletionCard(await completion(deps, year, ctx.person.unitCode), unit?.name ?? ctx.person.unitCode));
      },
    }),
    command({
      id: 'backfill',
      words: ['补录', '历史补录', '补录模板', '数据补录'],
      phrases: ['补填', '补报', '历史数据', '以前数据', '漏报'],
      menu: { key: 'backfill', label: '补录' },
      audience: 'declarant',
      summary: `补录${BACKFILL_FROM_YEAR}年以来培训项目的执行数据（发送补录表，填好发回）`,
      run: async (ctx) => {
        await ctx.reply.card(await backfillCard(deps, ctx.person));
        const t = await historyTemplateFile(deps, ctx.person.unitCode);
        await ctx.reply.file(t.name, t.data);
      },
    }),
    command({
      id: 'statement',
      words: ['上传情况说明', '未开展', '未开展情况说明'],
      phrases: ['情况说明', '没办成', '没有开展', '没开展', '办不了', '取消培训', '不能开展'],
      audience: 'declarant',
      summary: '审批通过但未开展的计划：上传盖章的情况说明',
      usage: '上传情况说明 2027-001',
      run: async (ctx) => {
        const m = /(\d{4}-\d{3,})/.exec(ctx.args);
        if (!m) return ctx.reply.text('请写明计划编号，例如：上传情况说明 2027-001。发送「完成情况」可以查看本单位的计划编号。');
        const plan = await deps.plans.byNumber(m[1]!);
        if (!plan) return ctx.reply.text(`找不到计划 ${m[1]}。`);
        const problem = await expectStatement(deps, ctx.person, plan.id, ctx.reply);
        if (problem) await ctx.reply.text(problem);
      },
    }),
    command({
      id: 'attachments',
      words: ['附件', '查看附件', '获取附件'],
      phrases: ['材料', '看附件', '下载附件', '培训材料'],
      audience: 'anyone',
      summary: '获取某个计划的培训包附件和情况说明',
      usage: '附件 2027-001',
      run: async (ctx) => {
        const m = /(\d{4}-\d{3,})/.exec(ctx.args);
        if (!m) return ctx.reply.text('请写明计划编号，例如：附件 2027-001');
        await ctx.reply.text(await sendPlanFiles(deps, ctx.person, m[1]!, ctx.reply));
      },
    }),
  ];
}

/**
 * 上一页 / 下一页 of the execution lists: the unit's 执行 and 完成情况 for whoever is linked to it, the
 * reviewer's 完成情况 lists for reviewers only, as the commands decide.
 */
export function executionPages(deps: ExecutionDeps) {
  const yearOf = (ctx: { value: { year?: number | undefined }; now: Date }) => ctx.value.year ?? ymdParts(beijingYmd(ctx.now)).y;
  const list = (key: keyof typeof COMPLETION_LISTS) =>
    page({ audience: 'reviewer', run: async (ctx) => ({ card: completionListCard(await completion(deps, yearOf(ctx)), COMPLETION_LISTS[key], ctx.value.p) }) });
  return {
    exec: page({ audience: 'declarant', run: async (ctx) => ({ card: await executionList(deps, ctx.person, ctx.value.year ? [ctx.value.year] : undefined, ctx.value.p) }) }),
    completion_unit: page({
      audience: 'declarant',
      run: async (ctx) => {
        const unit = await deps.registry.unit(ctx.person.unitCode);
        return { card: unitCompletionCard(await completion(deps, yearOf(ctx), ctx.person.unitCode), unit?.name ?? ctx.person.unitCode, ctx.value.p) };
      },
    }),
    completion: page({ audience: 'reviewer', run: async (ctx) => ({ card: allCompletionCard(await completion(deps, yearOf(ctx))) }) }),
    completion_gaps: list('completion_gaps'),
    completion_budget: list('completion_budget'),
    completion_late: list('completion_late'),
    completion_backfill: list('completion_backfill'),
  };
}

/** Alerts for one class right away (a class recorded or moved to a start already passed). */
function alertNow(deps: ExecutionDeps) {
  return async (classId: number) => {
    await runExecutionAlerts(deps, deps.clock.now(), false, { classIds: [classId] });
  };
}

export function executionRoutes(deps: ExecutionDeps) {
  const openClass = async (person: Person | null, classId: number, reply: Reply | null): Promise<CardResponse> => {
    const own = await ownClass(deps, person, classId);
    if (!own.ok) return toast('error', own.message);
    const card = await classCardOf(deps, own.l);
    if (reply) {
      await reply.card(card);
      return toast('success', '已发送这一期的卡片');
    }
    return toast('info', '已返回', card);
  };
  return {
    exec_list: route({
      audience: 'declarant',
      value: valueOf('exec_list'),
      run: async (ctx) => {
        await ctx.reply.card(await executionList(deps, ctx.person));
        return toast('success', '已发送执行情况');
      },
    }),
    class_pick: route({
      audience: 'declarant',
      value: valueOf('class_pick'),
      run: async (ctx) => {
        const id = Number(ctx.action.option);
        if (!Number.isInteger(id) || id <= 0) return toast('error', '请从菜单中选一期');
        return openClass(ctx.person, id, ctx.reply);
      },
    }),
    class_new: route({
      audience: 'declarant',
      value: valueOf('class_new'),
      run: async (ctx) => {
        const planId = ctx.value.plan ?? Number(ctx.action.option);
        if (!Number.isInteger(planId) || planId <= 0) return toast('error', '请从菜单中选一个计划');
        const r = await executablePlan(deps, ctx.person, planId);
        if (!r.ok) return toast('error', r.message);
        const form = await newClassForm(deps, r.plan);
        if (form.full) return toast('info', form.message);
        await ctx.reply.card(form.card);
        return toast('success', '请填写开班日期');
      },
    }),
    class_save: route({
      audience: 'declarant',
      value: valueOf('class_save'),
      run: async (ctx) => {
        const raw = ctx.action.formValue ?? {};
        if (ctx.value.cls) {
          const own = await ownClass(deps, ctx.person, ctx.value.cls);
          if (!own.ok) return toast('error', own.message);
          return changeDates(deps, ctx.person, own.l, raw, ctx.log, alertNow(deps));
        }
        const r = await executablePlan(deps, ctx.person, ctx.value.plan);
        if (!r.ok) return toast('error', r.message);
        return recordClass(deps, ctx.person, r.plan, raw, ctx.log, alertNow(deps));
      },
    }),
    class: route({
      audience: 'declarant',
      value: valueOf('class'),
      run: async (ctx) => {
        const own = await ownClass(deps, ctx.person, ctx.value.cls);
        if (!own.ok) return toast('error', own.message);
        const { l } = own;
        switch (ctx.value.op) {
          case 'open':
            return openClass(ctx.person, l.cls.id, ctx.reply);
          case 'back':
            return toast('info', '已返回', await classCardOf(deps, l));
          case 'dates':
            return toast('info', '请选择新的日期', await classCardOf(deps, l, { datesForm: { values: { start: l.cls.start, end: l.cls.end }, errors: {} } }));
          case 'cancel':
            return toast('warning', '确认取消这一期？', await classCardOf(deps, l, { confirmCancel: true }));
          case 'cancel_yes':
            return cancelClass(deps, ctx.person, l, ctx.value.v);
          case 'files':
            if (l.steps.get(1)?.status === 'done') return toast('info', '培训包已审核通过，附件不再更改');
            await deps.fileIntents.set(ctx.person.openId, { kind: 'package', targetId: l.cls.id, expiresAt: new Date(ctx.now.getTime() + 24 * 3600_000) });
            await ctx.reply.text(`请把 ${classLabel(l.plan.number, l.cls.seq)}《${l.plan.data.title ?? ''}》培训包的附件（培训方案、课程表、预算明细等）直接发给我，可以连续发送多个文件或照片。24 小时内发送有效。`);
            return toast('success', '请发送附件');
        }
      },
    }),
    step_open: route({
      audience: 'declarant',
      value: valueOf('step_open'),
      run: async (ctx) => {
        const own = await ownClass(deps, ctx.person, ctx.value.cls);
        if (!own.ok) return toast('error', own.message);
        return openStep(deps, own.l, ctx.value.step as StepNo, ctx.action.openId);
      },
    }),
    step_save: route({
      audience: 'declarant',
      value: valueOf('step_save'),
      run: async (ctx) => {
        const own = await ownClass(deps, ctx.person, ctx.value.cls);
        if (!own.ok) return toast('error', own.message);
        return saveStep(deps, ctx.person, own.l, ctx.value.step as StepNo, ctx.value.v, ctx.action.formValue ?? {}, ctx.log);
      },
    }),
    pkg_review: route({
      audience: 'reviewer',
      value: valueOf('pkg_review'),
      run: async (ctx) => {
        switch (ctx.value.op) {
          case 'approve':
            return decidePackage(deps, ctx.person, ctx.value.cls, ctx.value.v, true, null, ctx.log);
          case 'return':
            return packageReturnForm(deps, ctx.value.cls, ctx.value.v);
          case 'back':
            return packageCardAgain(deps, ctx.value.cls, ctx.value.v);
          case 'files':
            return sendPackageFiles(deps, ctx.value.cls, ctx.reply);
        }
      },
    }),
    pkg_return: route({
      audience: 'reviewer',
      value: valueOf('pkg_return'),
      run: async (ctx) => {
        const raw = ctx.action.formValue?.comment;
        const comment = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
        if (comment.length < 2) return packageReturnForm(deps, ctx.value.cls, ctx.value.v, ['请填写退回意见，告诉单位要改什么']);
        if (comment.length > 500) return packageReturnForm(deps, ctx.value.cls, ctx.value.v, ['退回意见最多 500 字']);
        return decidePackage(deps, ctx.person, ctx.value.cls, ctx.value.v, false, comment, ctx.log);
      },
    }),
    statement: route({
      audience: 'declarant',
      value: valueOf('statement'),
      run: async (ctx) => {
        const problem = await expectStatement(deps, ctx.person, ctx.value.plan, ctx.reply);
        return problem ? toast('error', problem) : toast('success', '请发送情况说明');
      },
    }),
    completion_file: route({
      audience: 'anyone',
      value: valueOf('completion_file'),
      run: async (ctx) => {
        const reviewer = may(ctx.person, 'reviewer');
        if (!reviewer && !ctx.person?.unitCode) return refusal('declarant');
        const c = await completion(deps, ctx.value.year, reviewer ? undefined : ctx.person!.unitCode!);
        const data = await deps.executionSheets.exportCompletion(completionSheet(c));
        const unit = reviewer ? null : await deps.registry.unit(ctx.person!.unitCode!);
        await ctx.reply.file(`${ctx.value.year}年度计划完成情况${unit ? `（${unit.name}）` : ''}.xlsx`, data);
        return toast('success', '已发送 Excel');
      },
    }),
    history_template: route({
      audience: 'declarant',
      value: valueOf('history_template'),
      run: async (ctx) => {
        const t = await historyTemplateFile(deps, ctx.person.unitCode);
        await ctx.reply.file(t.name, t.data);
        return toast('success', '已发送补录表');
      },
    }),
    history_import: route({
      audience: 'declarant',
      value: valueOf('history_import'),
      run: async (ctx) => confirmHistory(deps, ctx.person, ctx.value.id, ctx.log),
    }),
  };
}

