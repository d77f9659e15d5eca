// Plan status [DOMAIN.md "Plan status"]: the declaration's path through first review, revision, closing,
// second review, municipal approval and publication [seed 二(一)1-3]. transition() is the only place that
// decides whether a move is legal; it rejects illegal moves with a reason a person can read.
import type { PhaseInfo } from './campaign.ts';

export const PLAN_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'FIRST_APPROVED',
  'RETURNED',
  'SECOND_APPROVED',
  'REJECTED',
  'SENT_FOR_APPROVAL',
  'APPROVED',
  'NOT_APPROVED',
  'PUBLISHED',
  'EXPIRED',
  'DISCARDED',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const STATUS_LABELS: Record<PlanStatus, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交，待初审',
  FIRST_APPROVED: '初审通过',
  RETURNED: '已退回修改',
  SECOND_APPROVED: '复审通过',
  REJECTED: '复审未通过',
  SENT_FOR_APPROVAL: '已报市委、市政府审批',
  APPROVED: '审批通过',
  NOT_APPROVED: '审批未通过',
  PUBLISHED: '已公布',
  EXPIRED: '逾期未提交',
  DISCARDED: '草稿已删除',
};

export type PlanAction =
  | 'submit'
  | 'withdraw'
  | 'approve_first'
  | 'return'
  | 'expire'
  | 'approve_second'
  | 'reject_second'
  | 'send_for_approval'
  | 'record_approved'
  | 'record_not_approved'
  | 'publish'
  | 'discard';

type Move = { from: readonly PlanStatus[]; to: PlanStatus; when?: (p: PhaseInfo, from: PlanStatus) => string | null };

const beforeClose = (p: PhaseInfo, from: PlanStatus) => {
  if (from === 'RETURNED') return p.canRevise ? null : '修改期限已过，系统已关闭，不再受理';
  return p.canDeclare ? null : p.canRevise ? '申报期限已过，现在只受理被退回计划的修改' : p.phase === 'not_open' ? '本年度申报尚未开始' : '申报期限已过，系统已关闭，不再受理';
};
const openForFirstReview = (p: PhaseInfo) => (p.canRevise ? null : '系统已关闭，初审已结束');
const afterClose = (p: PhaseInfo) => (p.secondReview || p.published ? null : '复审在修改期限截止、系统关闭后进行');

const MOVES: Record<PlanAction, Move> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', when: beforeClose },
  withdraw: { from: ['SUBMITTED'], to: 'DRAFT', when: (p) => (p.canDeclare ? null : '申报期限已过，已提交的计划不能撤回') },
  approve_first: { from: ['SUBMITTED'], to: 'FIRST_APPROVED', when: openForFirstReview },
  return: { from: ['SUBMITTED', 'FIRST_APPROVED'], to: 'RETURNED', when: openForFirstReview },
  expire: { from: ['DRAFT', 'RETURNED'], to: 'EXPIRED', when: afterClose },
  approve_second: { from: ['FIRST_APPROVED', 'SUBMITTED'], to: 'SECOND_APPROVED', when: afterClose },
  reject_second: { from: ['FIRST_APPROVED', 'SUBMITTED'], to: 'REJECTED', when: afterClose },
  send_for_approval: { from: ['SECOND_APPROVED'], to: 'SENT_FOR_APPROVAL' },
  record_approved: { from: ['SENT_FOR_APPROVAL'], to: 'APPROVED' },
  record_not_approved: { from: ['SENT_FOR_APPROVAL'], to: 'NOT_APPROVED' },
  publish: { from: ['APPROVED'], to: 'PUBLISHED' },
  // A declarant throws away a draft (取消); the row and its history stay, nothing typed is lost.
  discard: { from: ['DRAFT'], to: 'DISCARDED' },
};

export type TransitionResult = { ok: true; to: PlanStatus } | { ok: false; error: string };

export function transition(from: PlanStatus, action: PlanAction, phase: PhaseInfo): TransitionResult {
  const move = MOVES[action];
  if (!move.from.includes(from)) {
    return { ok: false, error: `计划当前状态为「${STATUS_LABELS[from]}」，不能${ACTION_LABELS[action]}` };
  }
  const blocked = move.when?.(phase, from);
  return blocked ? { ok: false, error: blocked } : { ok: true, to: move.to };
}

export const ACTION_LABELS: Record<PlanAction, string> = {
  submit: '提交',
  withdraw: '撤回',
  approve_first: '初审通过',
  return: '退回修改',
  expire: '作逾期处理',
  approve_second: '复审通过',
  reject_second: '复审不通过',
  send_for_approval: '报批',
  record_approved: '登记审批通过',
  record_not_approved: '登记审批未通过',
  publish: '公布',
  discard: '删除',
};

/** Plans that count as declared for the year (quota, reminders): not drafts, not out of the race. */
export const DECLARED: readonly PlanStatus[] = [
  'SUBMITTED',
  'FIRST_APPROVED',
  'RETURNED',
  'SECOND_APPROVED',
  'SENT_FOR_APPROVAL',
  'APPROVED',
  'PUBLISHED',
];

/** Plans the municipality approved [seed 二(一)3]: the ones executed and counted in later years' quota. */
export const APPROVED_STATUSES: readonly PlanStatus[] = ['APPROVED', 'PUBLISHED'];

/** A declarant may still change the plan's fields. */
export const EDITABLE: readonly PlanStatus[] = ['DRAFT', 'RETURNED'];
