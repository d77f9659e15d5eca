// 补录 in words: what a plan number in a sheet has wrong, what an import did, the checked upload (its problems
// with the annotated file, or the summary with 确认导入), the answers to 确认导入, the records it leaves, and
// the template's file name.
import { button, crossValues } from '../../../cards/actions.ts';
import { noticeCard } from '../../../cards/notice-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import { formatDateTime } from '../../../domain/dates.ts';
import { BACKFILL_FROM_YEAR } from '../../../domain/execution.ts';
import type { CardResponse } from '../../../inbound.ts';
import type { Card } from '../../../ports/messenger.ts';
import type { ConfirmHistory, HistoryConflict, HistoryResult, UploadCheck } from '../types.ts';
import { toast } from './toasts.ts';

/** Problems and groups listed on a card; the annotated file has them all. */
const SHOWN = 20;

export const planNumberProblem = (wrong: 'unknown' | 'other_unit' | 'not_approved', number: string) =>
  wrong === 'unknown' ? `系统中没有计划 ${number}；不知道编号可以不填` : wrong === 'other_unit' ? `计划 ${number} 不是这个单位的` : `计划 ${number} 没有审批通过`;

/** What 补录 writes in the processing record. */
export const HISTORY_EVENTS = {
  planComment: (year: number) => `补录：${year}年度审批通过的计划`,
  cls: (seq: number, start: string, end: string) => `第${seq}期 ${start}–${end}`,
  step: (seq: number, n: number) => `第${seq}期 第${n}环节`,
  review: '补录',
};

export const historyTemplateName = (unitName: string | null) => `${BACKFILL_FROM_YEAR}年以来培训执行数据补录表${unitName ? `（${unitName}）` : ''}.xlsx`;

const conflictLine = (c: HistoryConflict) => (c.kind === 'dates' ? `第 ${c.row} 行：${c.label} 已登记为 ${c.start}–${c.end}，日期未修改` : `第 ${c.row} 行：${c.label} 刚刚被登记，未修改`);

/** What an import did, a line each (the CLI prints them; the unit's card shows them). */
export function describeHistory(r: HistoryResult): string[] {
  return [
    `计划：新建 ${r.plansCreated} 个（补录的往年计划），匹配已有 ${r.plansMatched} 个`,
    `期次：新登记 ${r.classesCreated} 期，已有 ${r.classesKept} 期`,
    `环节：补录 ${r.stepsAdded} 项，已有记录保持不变 ${r.stepsKept} 项`,
    ...(r.conflicts.length ? [`与已有记录不一致、未修改的 ${r.conflicts.length} 处：`, ...r.conflicts.map((c) => `  ${conflictLine(c)}`)] : []),
  ];
}

type Message = { text: string } | { card: Card } | { file: { name: string; data: Buffer } };

/** The checked upload: its problems and the annotated file, the note that it was imported before, or the summary with 确认导入. */
export function uploadCheckReply(r: UploadCheck): Message[] {
  if (r.status === 'imported_before') return [{ text: `这个文件的内容已于 ${formatDateTime(r.importedAt)} 导入过，没有重复导入。` }];
  if (r.status === 'problems') {
    const lines = r.problems.slice(0, SHOWN).map((p) => `- 第 ${p.row} 行「${p.header ?? '整行'}」：${escapeMarkdown(p.message)}`);
    return [
      {
        card: noticeCard({
          title: `「${r.fileName}」有 ${r.problems.length} 处问题，没有导入`,
          color: 'red',
          body: [`读取 ${r.rows} 行。为避免只导入一部分，这次没有保存任何内容。`, '', ...lines, ...(r.problems.length > SHOWN ? [`……另有 ${r.problems.length - SHOWN} 处，见下一条消息中标注好的文件。`] : [])].join('\n'),
          footer: '标红的单元格已在文件中加了批注。改好后重新发送整个文件即可。',
        }),
      },
      { file: { name: `${r.fileName.replace(/\.xlsx?m?$/i, '')}（问题标注）.xlsx`, data: r.annotated } },
    ];
  }
  const { check } = r;
  const classes = check.groups.flat().filter((x) => x.cls).length;
  const steps = check.groups.flat().reduce((n, x) => n + Object.keys(x.steps).length, 0);
  return [
    {
      card: noticeCard({
        title: `「${r.fileName}」检查通过`,
        color: 'green',
        body: [
          `读取 ${check.rows} 行，全部符合要求：${check.groups.length} 个计划、${classes} 期、${steps} 项环节数据。`,
          '',
          ...check.groups.slice(0, SHOWN).map((g) => `- ${g[0]!.year}年《${escapeMarkdown(g[0]!.plan.title ?? '')}》${g.filter((x) => x.cls).length} 期`),
          ...(check.groups.length > SHOWN ? [`……共 ${check.groups.length} 个计划`] : []),
          '',
          '已有的记录不会被覆盖，只补齐空缺的环节。',
        ].join('\n'),
        buttons: [button('确认导入', { a: 'history_import', id: r.uploadId }, 'primary_filled'), button('不导入', crossValues.excelCancel(r.uploadId), 'danger_text')],
      }),
    },
  ];
}

const REFUSED = { unlinked: '您还没有关联单位', not_found: '找不到这次上传', cancelled: '这次上传已取消，请重新发送文件', done: '这个文件已经处理过了' } as const;

/** 确认导入: the toast, and the summary card once imported. */
export function confirmHistoryReply(r: ConfirmHistory): CardResponse {
  switch (r.status) {
    case 'refused':
      return toast(r.reason === 'unlinked' || r.reason === 'not_found' ? 'error' : 'info', REFUSED[r.reason]);
    case 'imported_before':
      return toast('info', `已于 ${formatDateTime(r.importedAt)} 导入`);
    case 'changed':
      return toast('error', `情况有变化：第 ${r.row} 行 ${r.message}。请重新发送文件`);
    case 'imported':
      return toast(
        'success',
        `已补录 ${r.result.stepsAdded} 项`,
        noticeCard({ title: '补录完成', color: 'green', body: describeHistory(r.result).map(escapeMarkdown).join('\n'), footer: '发送「补录」查看本单位还缺哪些数据，「完成情况」查看年度完成情况。' }),
      );
  }
}
