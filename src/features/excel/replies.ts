// What the Excel feature says: the files' names and titles, the answers to 模板 / 导出, to 确认导入 and
// 不导入, and how a row's problem reads (on the card, in a toast and in the annotated copy).
import { noticeCard } from '../../cards/notice-card.ts';
import { findingLine } from '../../domain/findings.ts';
import type { CardResponse } from '../../inbound.ts';
import type { CancelResult } from './cancel-upload.ts';
import type { RowProblem } from './check-rows.ts';
import type { ImportResult } from './confirm-import.ts';
import type { TemplateFile } from './template-file.ts';

export const SAY = {
  notLinked: '您还没有关联单位。发送「帮助」查看怎么关联。',
  templateSent: (year: number) => `已发送${year}年度申报表模板。一行填一个培训班，填好后把文件直接发给我，我会逐行检查。`,
  templateByButton: '已发送申报表模板，填好后直接发给我。',
  templateToast: '已发送模板',
  exportSent: (year: number, count: number) => `已发送${year}年度汇总表（${count} 个计划）。`,
};

export const templateName = (t: Pick<TemplateFile, 'year' | 'unitName'>) => `${t.year}年度培训计划申报表${t.unitName ? `（${t.unitName}）` : ''}.xlsx`;
export const exportTitle = (year: number) => `柳州市机关事业单位${year}年度培训计划汇总表`;
export const exportName = (year: number) => `${year}年度培训计划汇总表.xlsx`;

type Said = { message: string; notice?: string | undefined; suggestion?: string | undefined };

const SAID: { [R in RowProblem['reason']]: (p: Extract<RowProblem, { reason: R }>) => Said } = {
  unreadable: (p) => ({ message: p.message }),
  joint_units_missing: () => ({ message: '「是否联合办班」为「是」，请填写联合办班单位' }),
  rule: ({ finding: f }) => ({ message: f.message, notice: f.notice, suggestion: f.suggestion }),
  needs_justification: ({ finding: f }) => ({ message: `${f.message}：这是原则性要求，须在「情况说明」列写明理由`, notice: f.notice, suggestion: f.suggestion }),
};

const said = (p: RowProblem): Said => (SAID[p.reason] as (x: RowProblem) => Said)(p);

/** What is wrong, in one sentence (a toast). */
export const problemMessage = (p: RowProblem) => said(p).message;

/** How a problem reads on the card and in the annotated copy: a verdict always with its fix and the notice. */
export function problemText(p: RowProblem): string {
  const s = said(p);
  return s.notice ? findingLine({ message: s.message, notice: s.notice, suggestion: s.suggestion }) : s.message;
}

const error = (content: string): CardResponse => ({ toast: { type: 'error', content } });
const info = (content: string): CardResponse => ({ toast: { type: 'info', content } });

const IMPORT_REFUSALS: { [R in Extract<ImportResult, { status: 'refused' }>['reason']]: (r: Extract<ImportResult, { reason: R }>) => CardResponse } = {
  not_found: () => error('找不到这次上传'),
  already_imported: (r) => info(`已导入：${r.numbers.join('、')}`),
  cancelled: () => info('这次上传已取消，请重新发送文件'),
  year_changed: () => error('申报年度已变化，请重新发送文件'),
  cannot_submit: (r) => error(`${r.refusal ?? '现在不能提交'}只能导入为草稿。`),
  changed: (r) => error(`情况有变化：${problemMessage(r.problem)}。请重新发送文件`),
  processed: () => info('这个文件已经处理过了'),
};

/** The answer to 确认导入: a toast, and the card replaced by what was imported. */
export function importAnswer(r: ImportResult): CardResponse {
  if (r.status === 'refused') return (IMPORT_REFUSALS[r.reason] as (x: ImportResult) => CardResponse)(r);
  const n = r.numbers.length;
  return {
    toast: { type: 'success', content: `已导入 ${n} 个计划` },
    card: noticeCard({
      title: r.submit ? `已导入并提交 ${n} 个计划` : `已导入 ${n} 个草稿`,
      color: 'green',
      body: [`计划编号：${r.numbers.join('、')}`, '', r.submit ? '市工作领导小组办公室将在当天完成初审，结果会通知您。' : '草稿可在「我的申报」中继续修改并提交。'].join('\n'),
    }),
  };
}

/** The answer to 不导入. */
export function cancelAnswer(r: CancelResult): CardResponse {
  if (r.status === 'done') return info('已取消，没有导入任何内容');
  return r.reason === 'not_found' ? error('找不到这次上传') : info('这次上传已处理过');
}
