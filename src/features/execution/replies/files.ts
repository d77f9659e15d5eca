// Files for execution in words: what to send for a statement, what became of a file sent (kept as a package
// attachment or a statement, or why not), the names given to photos, what 附件 sent, and the records written.
import { escapeMarkdown } from '../../../cards/render.ts';
import type { PlanRecord } from '../../../ports/plans.ts';
import type { AttachmentResult, PlanFiles } from '../types.ts';

/** What 上传情况说明 asks for, and for how long. */
export const statementAsk = (plan: PlanRecord, classes: number, hours: number) =>
  [
    `请把盖章的情况说明（PDF、Word 或拍照）直接发给我，会附在计划 ${plan.number}《${plan.data.title ?? ''}》上。多页的可以连续发送多个文件或照片。`,
    classes ? `（这个计划已登记 ${classes} 期；情况说明用于说明未开展的期次。）` : '（通知要求：审批通过但未执行的计划，须上传盖章的情况说明。）',
    `${hours} 小时内发送有效。`,
  ].join('\n');

/** A photo's name: a package's (by its class) or a statement's (by its plan). */
export const imageName = (label: string, n: number) => `${label} 图片${n}.jpg`;
export const statementImageName = (number: string, n: number) => `${number} 情况说明 图片${n}.jpg`;

export function attachmentText(r: Exclude<AttachmentResult, { status: 'passed' }>): string {
  switch (r.status) {
    case 'too_big':
      return `「${r.fileName}」超过 20 MB，没有保存。请压缩（或拆分）后再发送。`;
    case 'not_downloaded':
      return `没能下载「${r.fileName}」（${r.error}）。请重新发送；如果一直不行，请联系系统管理员。`;
    case 'empty':
      return `「${r.fileName}」是空文件，没有保存。`;
    case 'package_final':
      return `${r.label} 的培训包已审核通过，附件不再更改。「${r.fileName}」没有保存。`;
    case 'package_duplicate':
      return `「${r.fileName}」已经附在 ${r.label} 的培训包上了，没有重复保存。`;
    case 'package_saved':
      return `已收到「${escapeMarkdown(r.fileName)}」，附在 ${r.label}《${r.title}》的培训包上（共 ${r.count} 个附件）。${r.submitted ? '审核人员的卡片已同步更新。' : '填好培训包后点「提交审核」。'}`;
    case 'statement_duplicate':
      return `「${r.fileName}」已经作为 ${r.number} 的情况说明保存过了，没有重复保存。`;
    case 'statement_saved':
      return `已收到「${r.fileName}」，作为计划 ${r.number}《${r.title}》的情况说明保存（共 ${r.count} 个文件）。发送「完成情况」可查看。`;
  }
}

/** 附件 2027-001: what was sent, or why nothing. */
export function planFilesText(r: PlanFiles): string {
  if (r.status === 'sent') return `已发送计划 ${r.number} 的 ${r.files} 个文件（培训包附件 ${r.files - r.statements} 个，情况说明 ${r.statements} 个）。`;
  return r.status === 'not_found' ? `找不到计划 ${r.number}` : `计划 ${r.number} 没有附件或情况说明。`;
}
