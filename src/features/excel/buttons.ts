// The Excel feature's buttons: 确认导入 (as drafts or submitted) and 不导入 on a checked upload, 下载模板.
// `excel_cancel` also cancels a checked 补录 sheet (the execution feature puts it on that card).
import { z } from 'zod';
import { crossValues, excelCancelValue, templateValue } from '../../cards/actions.ts';

const id = z.number().int().positive();

/** A checked declaration upload: import it (as drafts, or submitted). */
export const importValue = z.object({ a: z.literal('excel_import'), id, submit: z.boolean() }).strict();
/** A checked upload (declaration or 补录): do not import it; 下载模板 (on the reminders too): cards/actions.ts. */
export { excelCancelValue as cancelValue, templateValue };

export type ImportValue = z.infer<typeof importValue>;

export const importButtonValue = (uploadId: number, submit: boolean): ImportValue => ({ a: 'excel_import', id: uploadId, submit });
export const cancelButtonValue = crossValues.excelCancel;
