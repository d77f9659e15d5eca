// What a declarant hears about the declaration sheet they sent: why it was not taken, the problems by row and
// column (on a card, and every one of them marked on a copy of their file), or the rows that passed with
// the buttons to import them.
import type { Reply } from '../../bot/reply.ts';
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { displayValue } from '../../domain/plan.ts';
import type { DeclarationSheets } from '../../ports/sheets.ts';
import { cancelButtonValue, importButtonValue } from './buttons.ts';
import { problemText } from './replies.ts';
import type { UploadResult } from './upload.ts';

/** How many problems or rows a card lists; the rest are counted (and all are in the annotated file). */
const SHOWN = 20;

type Refused = Extract<UploadResult, { status: 'refused' }>;

const NOT_A_TABLE_HINT =
  '\n如果这是培训包的附件：请先发送「执行」，在那一期的卡片上点「发送附件」，再发文件。如果这是未开展计划的情况说明：请先发送「上传情况说明 计划编号」，再发文件。';

const REFUSALS: { [R in Refused['reason']]: (r: Extract<Refused, { reason: R }>, fileName: string) => string } = {
  unit_gone: (r) => `您关联的单位 ${r.unitCode} 已不在单位名册中，请联系系统管理员。`,
  // Not a spreadsheet at all: perhaps a package attachment or a statement sent without saying what it is for.
  format: (r, f) => `没有导入「${f}」：${r.error} 需要模板请发送「模板」。${r.spreadsheet ? '' : NOT_A_TABLE_HINT}`,
  too_large: (_, f) => `「${f}」超过 5 MB 上限，没有导入。请删除多余的工作表、图片和空行后再发送。`,
  download_failed: (r, f) => `没能下载「${f}」（${r.error}）。请重新发送文件；如果一直不行，请联系系统管理员。`,
  unreadable: (r, f) => `没有导入「${f}」：${r.error} 需要模板请发送「模板」。`,
  no_rows: (_, f) => `「${f}」里没有填写培训班（示例行和只有单位的行不算）。请在表格中一行填写一个培训班后再发送。`,
  closed: (r) => r.refusal ?? `${r.year}年度申报已截止，系统已关闭，不再受理。`,
};

export const refusalText = (r: Refused, fileName: string) => (REFUSALS[r.reason] as (x: Refused, f: string) => string)(r, fileName);

type Out = { reply: Reply; sheets: Pick<DeclarationSheets, 'headerOf' | 'annotate'> };

async function sayProblems(r: Extract<UploadResult, { status: 'problems' }>, fileName: string, { reply, sheets }: Out) {
  const { problems } = r;
  const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
  const lines = problems.slice(0, SHOWN).map((p) => `- 第 ${p.row} 行「${p.field ? sheets.headerOf(p.field) : '整行'}」：${escapeMarkdown(problemText(p))}`);
  await reply.card(
    noticeCard({
      title: `「${fileName}」有 ${problems.length} 处问题，没有导入`,
      color: 'red',
      body: [
        `读取 ${r.rows} 行，其中 ${r.rows - rowsWithProblems} 行无误、${rowsWithProblems} 行有问题。为避免只导入一部分，这次没有保存任何内容。`,
        '',
        ...lines,
        ...(problems.length > SHOWN ? [`……另有 ${problems.length - SHOWN} 处，见下一条消息中标注好的文件。`] : []),
      ].join('\n'),
      footer: '标红的单元格已在文件中加了批注。改好后重新发送整个文件即可。',
    }),
  );
  const marks = problems.map((p) => ({ row: p.row, column: p.field ? (r.columns[p.field] ?? null) : null, message: problemText(p) }));
  await reply.file(`${fileName.replace(/\.xlsx?m?$/i, '')}（问题标注）.xlsx`, await sheets.annotate(r.data, r.sheetName, marks));
}

function checkedCard(r: Extract<UploadResult, { status: 'checked' }>, fileName: string) {
  const { plans, upload } = r;
  const justified = plans.filter((p) => p.findings.some((f) => f.severity === 'soft')).length;
  const line = (p: (typeof plans)[number]) =>
    `- 第 ${p.row} 行《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope} ${displayValue('headcount', p.data.headcount)}×${displayValue('sessions', p.data.sessions)} ${displayValue('month', p.data.month)} ${displayValue('budget', p.data.budget)}`;
  return noticeCard({
    title: `「${fileName}」检查通过`,
    color: 'green',
    body: [
      `读取 ${r.rows} 行，全部符合要求${justified ? `（其中 ${justified} 行附情况说明）` : ''}。确认后导入为${r.canSubmit ? '草稿或直接提交' : '草稿'}：`,
      '',
      ...plans.slice(0, SHOWN).map(line),
      ...(plans.length > SHOWN ? [`……另有 ${plans.length - SHOWN} 行，与您发送的文件一致。`] : []),
    ].join('\n'),
    buttons: [
      ...(r.canSubmit ? [button(`确认导入并提交（${plans.length} 个）`, importButtonValue(upload.id, true), 'primary_filled')] : []),
      button('确认导入为草稿', importButtonValue(upload.id, false), r.canSubmit ? 'default' : 'primary_filled'),
      button('不导入', cancelButtonValue(upload.id), 'danger_text'),
    ],
    footer: '导入后可在「我的申报」中查看和修改。',
  });
}

/** Says the outcome of an upload to the person who sent it. */
export async function answerUpload(r: UploadResult, fileName: string, out: Out): Promise<void> {
  if (r.status === 'refused') return out.reply.text(refusalText(r, fileName));
  if (r.status === 'problems') return sayProblems(r, fileName, out);
  if (r.status === 'duplicate') return out.reply.text(`这个文件的内容已于 ${formatDateTime(r.importedAt)} 导入过（计划编号 ${r.planNumbers.join('、')}），没有重复导入。`);
  await out.reply.card(checkedCard(r, fileName));
}
