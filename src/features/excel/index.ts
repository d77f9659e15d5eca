// The Excel feature's entry points: 模板 (the official form, pre-filled for the unit), 导出 (the summary for
// municipal approval, as a file, with every plan's processing record on a second sheet), the upload of a filled form, and its 确认导入 / 不导入 buttons.
import { STATUS_LABELS, DECLARED, type PlanStatus } from '../../domain/plan-status.ts';
import { may, type Person } from '../../domain/people.ts';
import { valueOf } from '../../cards/actions.ts';
import { yearArg } from '../../bot/commands.ts';
import { command, fileRoute, route } from '../../bot/manifest.ts';
import { declarantOf } from '../../model/declarant.ts';
import { confirmImport, handleUpload, type ExcelDeps } from './import.ts';
import type { ExportRecordRow, ExportRow } from '../../ports/sheets.ts';
import type { PlanRecord } from '../../ports/plans.ts';
import { reviewYear } from '../../model/review-year.ts';
import { actorNames, recordRows } from '../../model/plan-record.ts';

export async function templateFile(deps: ExcelDeps, person: Person | null): Promise<{ name: string; data: Buffer; year: number }> {
  const now = deps.clock.now();
  const d = person?.unitCode ? await declarantOf(deps, { ...person, unitCode: person.unitCode }, now) : null;
  const year = d?.year ?? (await reviewYear(deps, now)).year;
  const data = await deps.declarationSheets.template({ year, ...(d ? { unit: { code: d.competent.code, name: d.competent.name } } : {}), bases: await deps.bases.all() });
  return { name: `${year}年度培训计划申报表${d ? `（${d.competent.name}）` : ''}.xlsx`, data, year };
}

export async function exportRows(deps: ExcelDeps, plans: PlanRecord[]): Promise<ExportRow[]> {
  const units = new Map((await deps.registry.units()).map((u) => [u.code, u.name]));
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
  const sorted = [...plans].sort((a, b) => a.number.localeCompare(b.number));
  const events = new Map<number, Awaited<ReturnType<ExcelDeps['plans']['events']>>>();
  for (const p of sorted) events.set(p.id, await deps.plans.events(p.id));
  const nameOf = await actorNames(deps, [...events.values()].flat().map((e) => e.actor));
  return sorted.flatMap((p) => recordRows(p.number, events.get(p.id)!, nameOf));
}

export async function exportFile(deps: ExcelDeps, year: number, statuses: readonly PlanStatus[] = DECLARED.filter((s) => s !== 'RETURNED')) {
  const plans = await deps.plans.list({ year, statuses });
  const data = await deps.declarationSheets.exportPlans(`柳州市机关事业单位${year}年度培训计划汇总表`, await exportRows(deps, plans), await exportRecords(deps, plans));
  return { name: `${year}年度培训计划汇总表.xlsx`, data, count: plans.length };
}

export function excelCommands(deps: ExcelDeps) {
  return [
    command({
      id: 'template',
      words: ['模板', '申报表', '下载模板', 'excel模板'],
      phrases: ['模版', '模板在哪', '模板下载', '下载表格', '申报表格', '空白表格', '空表', 'excel表', '表格模板', '要一份表', '申报模板', 'excel文件', '表格'],
      menu: { key: 'template', label: '下载模板' },
      audience: 'anyone',
      summary: '获取申报表 Excel 模板（已填好本单位），填好后直接发回来即可申报',
      run: async (ctx) => {
        if (!ctx.person?.unitCode && !may(ctx.person, 'reviewer')) return ctx.reply.text('您还没有关联单位。发送「帮助」查看怎么关联。');
        const t = await templateFile(deps, ctx.person);
        await ctx.reply.file(t.name, t.data);
        await ctx.reply.text(`已发送${t.year}年度申报表模板。一行填一个培训班，填好后把文件直接发给我，我会逐行检查。`);
      },
    }),
    command({
      id: 'export',
      words: ['导出', '导出汇总', '汇总表'],
      phrases: ['导出全部', '下载汇总', '汇总excel', '导出excel', '导出表格'],
      audience: 'reviewer',
      summary: '导出本年度申报汇总表（按单位分组，含小计合计），用于报批',
      usage: '导出 或 导出 2027',
      run: async (ctx) => {
        const year = yearArg(ctx.args) ?? (await reviewYear(deps, ctx.now)).year;
        const f = await exportFile(deps, year);
        await ctx.reply.file(f.name, f.data);
        await ctx.reply.text(`已发送${year}年度汇总表（${f.count} 个计划）。`);
      },
    }),
  ];
}

/** A spreadsheet a declarant sent: a declaration upload (after the other features passed it on). */
export const excelUpload = (deps: ExcelDeps) =>
  fileRoute({
    order: 40,
    audience: 'declarant',
    take: async (ctx) => {
      await handleUpload(deps, ctx);
      return true;
    },
  });

export function excelCardRoutes(deps: ExcelDeps) {
  return {
    excel_import: route({
      audience: 'declarant',
      value: valueOf('excel_import'),
      run: async (ctx) => confirmImport(deps, ctx.person, ctx.value.id, ctx.value.submit, ctx.log),
    }),
    // Both kinds of upload (declaration and 补录) are cancelled here.
    excel_cancel: route({
      audience: 'declarant',
      value: valueOf('excel_cancel'),
      run: async (ctx) => {
        const declaration = await deps.uploads.get(ctx.value.id);
        const imp = declaration ?? (await deps.historyUploads.get(ctx.value.id));
        if (!imp || imp.unitCode !== ctx.person.unitCode) return { toast: { type: 'error', content: '找不到这次上传' } };
        const ok = declaration ? await deps.uploads.cancel(imp.id, imp.version) : await deps.historyUploads.cancel(imp.id, imp.version);
        return { toast: { type: 'info', content: ok ? '已取消，没有导入任何内容' : '这次上传已处理过' } };
      },
    }),
    template: route({
      audience: 'anyone',
      value: valueOf('template'),
      run: async (ctx) => {
        const t = await templateFile(deps, ctx.person);
        await ctx.reply.file(t.name, t.data);
        await ctx.reply.text('已发送申报表模板，填好后直接发给我。');
        return { toast: { type: 'success', content: '已发送模板' } };
      },
    }),
  };
}
