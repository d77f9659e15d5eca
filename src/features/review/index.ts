// What the rest of the application (the CLI's approval:import) uses of the review feature.
export { APPROVAL_COLUMNS, parseApprovalRows, type ApprovalColumn } from './approval-sheet.ts';
export { recordApprovals } from './approval.ts';
export { approvalProblemText } from './replies/approval.ts';
