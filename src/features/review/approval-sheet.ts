// The municipal results from a spreadsheet (approval:import): one row per plan number with 通过 / 不通过.
import type { RowProblem, SheetRow } from '../../domain/units.ts';
import { APPROVAL_COLUMNS, APPROVED_WORDS, approvalRowProblems, NOT_APPROVED_WORDS } from './replies/approval-sheet.ts';
import type { ApprovalResult } from './types.ts';

export { APPROVAL_COLUMNS };
export type ApprovalColumn = keyof typeof APPROVAL_COLUMNS;

export function parseApprovalRows(rows: SheetRow<ApprovalColumn>[]): { ok: true; results: ApprovalResult[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const results: ApprovalResult[] = [];
  for (const { row, values } of rows) {
    const number = (values.number ?? '').trim();
    const result = (values.result ?? '').replace(/\s+/g, '');
    if (!/^\d{4}-\d{3,}$/.test(number)) problems.push({ row, column: APPROVAL_COLUMNS.number.header, message: approvalRowProblems.number(number) });
    if (!APPROVED_WORDS.test(result) && !NOT_APPROVED_WORDS.test(result)) problems.push({ row, column: APPROVAL_COLUMNS.result.header, message: approvalRowProblems.result(result) });
    else results.push({ number, approved: APPROVED_WORDS.test(result), comment: values.comment?.trim() || null });
  }
  return problems.length ? { ok: false, problems } : { ok: true, results };
}
