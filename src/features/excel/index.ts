// The Excel feature's entry points: 模板 (the official form, pre-filled for the unit), 导出 (the summary for
// municipal approval, as a file, with every plan's processing record on a second sheet), the upload of a filled form, and its 确认导入 / 不导入 buttons.
import { STATUS_LABELS, DECLARED, type PlanStatus } from '../../domain/plan-status.ts';
import { may } from '../../domain/people.ts';
import type { CardActionHandlers } from '../../bot/card-actions.ts';
import { personalReply } from '../../bot/chat.ts';
import { yearArg, type Command, type Reply } from '../../bot/commands.ts';
import { declarantOf } from '../../model/declarant.ts';
import { confirmImport, handleUpload, type ExcelDeps, type ExportRecordRow, type ExportRow } from './import.ts';
import type { PlanRecord } from '../../model/plans.ts';
import { reviewYear } from '../review/deps.ts';
import { recordRows } from '../review/timeline.ts';
import type { Person } from '../../domain/people.ts';
import type { IncomingMessage } from '../../inbound.ts';
import type { Logger } from '../../logger.ts';

export async function templateFile(deps: ExcelDeps, person: Person | null): Promise<{ name: string; data: Buffer; year: number }> {
  const now = deps.clock.now();
  const d = person?.unitCode ? await declarantOf(deps, { ...person, unitCode: person.unitCode }, now) : null;
  const year = d?.year ?? (await reviewYear(deps, now)).year;
  const data = await deps.sheets.template({ year, ...(d ? { unit: { code: d.competent.code, name: d.competent.name } } : {}), bases: await deps.reference.bases() });
  return { name: `${year}年度培训计划申报表${d ? `（${d.competent.name}）` : ''}.xlsx`, data, year };
}

export async function exportRows(deps: ExcelDeps, plans: PlanRecord[]): Promise<ExportRow[]> {
  const units = new Map((await deps.reference.units()).map((u) => [u.code, u.name]));
  return plans.map((p) => ({
    number: p.number,
    unitCode: p.unitCode,
    unitName: units.get(p.unitCode) ?? p.unitCode,
    budgetCode: p.data.budgetCode ?? '',
    className: p.data.unitName ?? units.get(p.data.budgetCode ?? '') ?? '',
    status: STATUS_LABELS[p.status],
    title: p.data.title ?? '',
    scope: p.data.scope ?? '',
    mode: p.data.mode ?? '',
    audience: p.data.audience ?? '',
    headcount: p.data.headcount ?? 0,
    sessions: p.data.sessions ?? 0,
    days: p.data.days ?? 0,
    month: p.data.month ?? 0,
    location: p.data.location ?? '',
    institution: p.data.institution ?? '',
    budget: p.data.budget ?? 0,
    jointUnits: (p.data.jointUnits ?? []).join('、'),
    contactName: p.data.contactName ?? '',
    contactPhone: p.data.contactPhone ?? '',
    justification: p.data.justification ?? '',
  }));
}

/** Every exported plan's processing record (查看详情), for audits: the export's second sheet. */
async function exportRecords(deps: ExcelDeps, plans: readonly PlanRecord[]): Promise<ExportRecordRow[]> {
  const names = new Map<string, string>();
  const nameOf = async (actor: string) => {
    if (!names.has(actor)) names.set(actor, actor.startsWith('ou_') ? ((await deps.users.find(actor))?.name ?? actor) : actor === 'system' ? '系统' : actor);
    return names.get(actor)!;
  };
  const rows: ExportRecordRow[] = [];
  for (const p of [...plans].sort((a, b) => a.number.localeCompare(b.number))) {
    const events = await deps.plans.events(p.id);
    for (const e of events) await nameOf(e.actor);
    rows.push(...recordRows(p.number, events, (a) => names.get(a) ?? a));
  }
  return rows;
}

export async function exportFile(deps: ExcelDeps, year: number, statuses: readonly PlanStatus[] = DECLARED.filter((s) => s !== 'RETURNED')) {
  const plans = await deps.plans.list({ year, statuses });
  const data = await deps.sheets.exportPlans(`柳州市机关事业单位${year}年度培训计划汇总表`, await exportRows(deps, plans), await exportRecords(deps, plans));
  return { name: `${year}年度培训计划汇总表.xlsx`, data, count: plans.length };
}

export function excelCommands(deps: ExcelDeps): Command[] {
  return [
    {
      id: 'template',
      words: ['模板', '申报表', '下载模板', 'excel模板'],
      phrases: ['模版', '模板在哪', '模板下载', '下载表格', '申报表格', '空白表格', '空表', 'excel表', '表格模板', '要一份表', '申报模板', 'excel文件', '表格'],
      menuKeys: ['template'],
      audience: 'anyone',
      summary: '获取申报表 Excel 模板（已填好本单位），填好后直接发回来即可申报',
      run: async (ctx) => {
        if (!ctx.person?.unitCode && !may(ctx.person, 'reviewer')) return ctx.reply.text('您还没有关联单位。发送「帮助」查看怎么关联。');
        const t = await templateFile(deps, ctx.person);
        await deps.messenger.sendFile({ openId: ctx.openId }, t.name, new Uint8Array(t.data), `template:${ctx.openId}:${t.year}:${ctx.now.getTime()}`);
        await ctx.reply.text(`已发送${t.year}年度申报表模板。一行填一个培训班，填好后把文件直接发给我，我会逐行检查。`);
      },
    },
    {
      id: 'export',
      words: ['导出', '导出汇总', '汇总表'],
      phrases: ['导出全部', '下载汇总', '汇总excel', '导出excel', '导出表格'],
      audience: 'reviewer',
      summary: '导出本年度申报汇总表（按单位分组，含小计合计），用于报批',
      usage: '导出 或 导出 2027',
      run: async (ctx) => {
        const year = yearArg(ctx.args) ?? (await reviewYear(deps, ctx.now)).year;
        const f = await exportFile(deps, year);
        await deps.messenger.sendFile({ openId: ctx.openId }, f.name, new Uint8Array(f.data), `export:${ctx.openId}:${year}:${ctx.now.getTime()}`);
        await ctx.reply.text(`已发送${year}年度汇总表（${f.count} 个计划）。`);
      },
    },
  ];
}

/** A file a person sent: a declaration upload when they are linked to a unit. */
export function excelUploadHandler(deps: ExcelDeps) {
  return async (person: Person | null, ev: IncomingMessage, reply: Reply, log: Logger): Promise<boolean> => {
    if (!ev.file || !person?.unitCode) return false;
    await handleUpload(deps, { ...person, unitCode: person.unitCode }, { messageId: ev.messageId, fileKey: ev.file.fileKey, fileName: ev.file.fileName }, reply, log);
    return true;
  };
}

export function excelCardHandlers(deps: ExcelDeps): Pick<CardActionHandlers, 'excel_import' | 'excel_cancel' | 'template'> {
  return {
    excel_import: async (ctx) => confirmImport(deps, ctx.person, ctx.value.id, ctx.value.submit, ctx.log),
    excel_cancel: async (ctx) => {
      const imp = (await deps.imports.get(ctx.value.id)) ?? (await deps.imports.getHistory(ctx.value.id));
      if (!imp || imp.unitCode !== ctx.person?.unitCode) return { toast: { type: 'error', content: '找不到这次上传' } };
      const ok = await deps.imports.cancel(imp.id, imp.version);
      return { toast: { type: 'info', content: ok ? '已取消，没有导入任何内容' : '这次上传已处理过' } };
    },
    template: async (ctx) => {
      const t = await templateFile(deps, ctx.person);
      await deps.messenger.sendFile({ openId: ctx.action.openId }, t.name, new Uint8Array(t.data), `template:${ctx.action.openId}:${t.year}:${ctx.now.getTime()}`);
      await personalReply(deps.messenger, ctx.action.openId, `click:${ctx.action.eventId}`).text('已发送申报表模板，填好后直接发给我。');
      return { toast: { type: 'success', content: '已发送模板' } };
    },
  };
}
