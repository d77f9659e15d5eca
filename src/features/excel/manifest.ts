// Declaring by spreadsheet and the files reviewers need: 模板 (the official form, pre-filled for the unit),
// 导出 (the summary for municipal approval, with every plan's 处理记录), a filled form sent back (checked row
// by row, imported all or nothing on 确认导入), and the buttons of those cards.
import { yearArg } from '../../bot/commands.ts';
import { command, fileRoute, route, type Feature, type Kit } from '../../bot/manifest.ts';
import { reviewYear } from '../../model/review-year.ts';
import { cancelValue, importValue, templateValue } from './buttons.ts';
import { cancelUpload } from './cancel-upload.ts';
import { confirmImport } from './confirm-import.ts';
import type { ExcelDeps } from './deps.ts';
import { exportFile } from './export-file.ts';
import { cancelAnswer, exportName, exportTitle, importAnswer, SAY, templateName } from './replies.ts';
import { answerUpload } from './replies-upload.ts';
import { templateFile, templateFor } from './template-file.ts';
import { checkUpload } from './upload.ts';

function excelCommands(deps: ExcelDeps) {
  return [
    command({
      id: 'template',
      words: ['模板', '申报表', '下载模板', 'excel模板'],
      phrases: ['模版', '模板在哪', '模板下载', '下载表格', '申报表格', '空白表格', '空表', 'excel表', '表格模板', '要一份表', '申报模板', 'excel文件', '表格'],
      menu: { key: 'template', label: '下载模板' },
      audience: 'anyone',
      summary: '获取申报表 Excel 模板（已填好本单位），填好后直接发回来即可申报',
      run: async ({ person, reply }) => {
        const t = await templateFor(deps, person);
        if (t.status === 'refused') return reply.text(SAY.notLinked);
        await reply.file(templateName(t), t.data);
        await reply.text(SAY.templateSent(t.year));
      },
    }),
    command({
      id: 'export',
      words: ['导出', '导出汇总', '汇总表'],
      phrases: ['导出全部', '下载汇总', '汇总excel', '导出excel', '导出表格'],
      audience: 'reviewer',
      summary: '导出本年度申报汇总表（按单位分组，含小计合计），用于报批',
      usage: '导出 或 导出 2027',
      run: async ({ args, now, reply }) => {
        const year = yearArg(args) ?? (await reviewYear(deps, now)).year;
        const f = await exportFile(deps, { year, title: exportTitle(year) });
        await reply.file(exportName(year), f.data);
        await reply.text(SAY.exportSent(year, f.count));
      },
    }),
  ];
}

function excelCardRoutes(deps: ExcelDeps) {
  return {
    excel_import: route({
      audience: 'declarant',
      value: importValue,
      run: async ({ person, value, log }) => importAnswer(await confirmImport(deps, person, { id: value.id, submit: value.submit, log })),
    }),
    // Both kinds of upload (declaration and 补录) are cancelled here.
    excel_cancel: route({
      audience: 'declarant',
      value: cancelValue,
      run: async ({ person, value }) => cancelAnswer(await cancelUpload(deps, person, value.id)),
    }),
    template: route({
      audience: 'anyone',
      value: templateValue,
      run: async ({ person, reply }) => {
        const t = await templateFile(deps, person);
        await reply.file(templateName(t), t.data);
        await reply.text(SAY.templateByButton);
        return { toast: { type: 'success', content: SAY.templateToast } };
      },
    }),
  };
}

/** A spreadsheet a declarant sent: a declaration upload (after the other features passed it on). */
const excelUpload = (deps: ExcelDeps) =>
  fileRoute({
    order: 40,
    audience: 'declarant',
    take: async (ctx) => {
      await answerUpload(await checkUpload(deps, ctx), ctx.message.file.fileName, { reply: ctx.reply, sheets: deps.declarationSheets });
      return true;
    },
  });

export function excelFeature(ports: Omit<ExcelDeps, 'hub'>, kit: Kit): Feature {
  const deps: ExcelDeps = { ...ports, hub: kit.hub };
  return { name: 'excel', commands: excelCommands(deps), cards: excelCardRoutes(deps), files: [excelUpload(deps)] };
}
