// The execution feature's short answers: toasts of the card buttons and the one-line replies of its commands.
import { classLabel } from '../../../domain/execution.ts';
import type { CardResponse } from '../../../inbound.ts';
import type { PlanRecord } from '../../../ports/plans.ts';

/** A click's answer: a toast, and the card to show in place of the clicked one. */
export const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({ toast: { type, content }, ...(card ? { card } : {}) });

export const TOASTS = {
  classSent: '已发送这一期的卡片',
  back: '已返回',
  listSent: '已发送执行情况',
  pickClass: '请从菜单中选一期',
  pickPlan: '请从菜单中选一个计划',
  fillDates: '请填写开班日期',
  pickDates: '请选择新的日期',
  confirmCancel: '确认取消这一期？',
  packageFinal: '培训包已审核通过，附件不再更改',
  sendFiles: '请发送附件',
  sendStatement: '请发送情况说明',
  excelSent: '已发送 Excel',
  templateSent: '已发送补录表',
} as const;

/** The return form's checks of the comment. */
export const RETURN_COMMENT = { empty: '请填写退回意见，告诉单位要改什么', tooLong: '退回意见最多 500 字' } as const;

/** 发送附件 on the class card: what to send and for how long. */
export const packageFilesAsk = (plan: PlanRecord, seq: number) =>
  `请把 ${classLabel(plan.number, seq)}《${plan.data.title ?? ''}》培训包的附件（培训方案、课程表、预算明细等）直接发给我，可以连续发送多个文件或照片。24 小时内发送有效。`;

/** The completion report's Excel file: every unit's for a reviewer (as 完成情况 sends it, or from the card), or one unit's. */
export const completionFileName = (year: number) => `${year}年度单位计划完成情况.xlsx`;
export const completionFileNameOnCard = (year: number, unitName: string | null) => `${year}年度计划完成情况${unitName ? `（${unitName}）` : ''}.xlsx`;

export const NOT_LINKED = '您还没有关联单位。发送「帮助」查看怎么关联。';
export const STATEMENT_USAGE = '请写明计划编号，例如：上传情况说明 2027-001。发送「完成情况」可以查看本单位的计划编号。';
export const ATTACHMENTS_USAGE = '请写明计划编号，例如：附件 2027-001';
export const noSuchPlan = (number: string) => `找不到计划 ${number}。`;
