// The 补录 sheet's columns [seed 一]: one row per class since 2020 with its six steps. Kept apart from the
// template writer so the upload reader (in its worker) does not load exceljs.
import type { HistoryKey } from '../domain/execution-history.ts';
import type { ColumnSpec } from './table-reader.ts';

export type HistoryColumn = { key: HistoryKey; header: string; aliases: string[]; required: boolean; width: number; hint: string; list?: string[]; date?: boolean };

export const HISTORY_COLUMNS: HistoryColumn[] = [
  { key: 'year', header: '年度', aliases: ['计划年度'], required: true, width: 7, hint: '培训计划所属年度，2020 年起' },
  { key: 'number', header: '计划编号', aliases: [], required: false, width: 11, hint: '系统中已有的计划编号（如 2024-015）；没有可不填' },
  { key: 'budgetCode', header: '预算单位代码', aliases: ['单位代码'], required: true, width: 13, hint: '本单位或二层单位的预算单位代码' },
  { key: 'unitName', header: '单位名称', aliases: [], required: false, width: 24, hint: '选填，按代码识别' },
  { key: 'title', header: '培训班名称', aliases: ['项目名称', '班次名称'], required: true, width: 30, hint: '与当年批准的计划一致' },
  { key: 'scope', header: '培训类别', aliases: [], required: true, width: 9, hint: '市内 / 市外', list: ['市内', '市外'] },
  { key: 'mode', header: '培训方式', aliases: [], required: true, width: 12, hint: '线下 / 线上 / 线上线下结合', list: ['线下', '线上', '线上线下结合'] },
  { key: 'institution', header: '承办机构', aliases: ['承办单位'], required: false, width: 24, hint: '市外培训填写承办机构' },
  { key: 'location', header: '培训地点', aliases: [], required: false, width: 18, hint: '选填' },
  { key: 'headcount', header: '每期人数', aliases: ['人数'], required: false, width: 9, hint: '批准的每期人数' },
  { key: 'sessions', header: '期数', aliases: ['批准期数'], required: false, width: 6, hint: '批准的期数' },
  { key: 'budget', header: '经费预算（元）', aliases: ['经费预算', '批准经费'], required: false, width: 13, hint: '批准的经费预算' },
  { key: 'seq', header: '期次', aliases: ['第几期'], required: false, width: 6, hint: '第几期；不填按行的顺序' },
  { key: 'start', header: '开班日期', aliases: ['开始日期'], required: false, width: 12, hint: '未开展的计划不填日期，另上传情况说明', date: true },
  { key: 'end', header: '结班日期', aliases: ['结束日期'], required: false, width: 12, hint: '', date: true },
  { key: 'packageOn', header: '①培训包审核通过日期', aliases: ['培训包审核日期', '培训包审核'], required: false, width: 14, hint: '', date: true },
  { key: 'publishedOn', header: '②发布日期', aliases: ['发布培训项目日期', '发布日期'], required: false, width: 12, hint: '', date: true },
  { key: 'registered', header: '③报名人数', aliases: ['报名人数'], required: false, width: 9, hint: '' },
  { key: 'accepted', header: '③审核通过人数', aliases: ['审核通过人数'], required: false, width: 11, hint: '' },
  { key: 'attended', header: '④签到人数', aliases: ['签到人数'], required: false, width: 9, hint: '' },
  { key: 'teachers', header: '⑤授课教师', aliases: ['授课教师', '师资'], required: false, width: 20, hint: '姓名（单位），多人用顿号分隔' },
  { key: 'courses', header: '⑤课程', aliases: ['课程', '课程名称'], required: false, width: 24, hint: '' },
  { key: 'hours', header: '⑤学时', aliases: ['学时'], required: false, width: 7, hint: '' },
  { key: 'amount', header: '⑥结算金额（元）', aliases: ['结算金额', '结算金额(元)'], required: false, width: 13, hint: '' },
  { key: 'remarks', header: '备注', aliases: [], required: false, width: 18, hint: '' },
];

export const HISTORY_SPECS: ColumnSpec<HistoryKey>[] = HISTORY_COLUMNS.map((c) => ({ key: c.key, header: c.header, aliases: c.aliases, required: c.required }));

export function historyHeaderOf(key: string): string {
  return HISTORY_COLUMNS.find((c) => c.key === key)?.header ?? key;
}
