import { describe, expect, it } from 'vitest';
import { defaultCampaign, phaseAt } from '../../src/domain/campaign.ts';
import { transition, type PlanAction, type PlanStatus } from '../../src/domain/plan-status.ts';

const c = defaultCampaign(2027);
const at = (iso: string) => phaseAt(c, new Date(iso));
const DECLARING = 'Aug 1';
const REVISING = 'Aug 8';
const CLOSED = 'Aug 11';
const PHASES: Record<string, ReturnType<typeof at>> = {
  [DECLARING]: at('2026-08-01T10:00:00+08:00'),
  [REVISING]: at('2026-08-08T10:00:00+08:00'),
  [CLOSED]: at('2026-08-11T10:00:00+08:00'),
};

describe('plan status transitions', () => {
  it.each<[PlanStatus, PlanAction, string, PlanStatus | string]>([
    ['DRAFT', 'submit', DECLARING, 'SUBMITTED'],
    ['DRAFT', 'submit', REVISING, '申报期限已过，现在只受理被退回计划的修改'],
    ['DRAFT', 'submit', CLOSED, '申报期限已过，系统已关闭，不再受理'],
    ['RETURNED', 'submit', REVISING, 'SUBMITTED'],
    ['RETURNED', 'submit', CLOSED, '修改期限已过，系统已关闭，不再受理'],
    ['SUBMITTED', 'withdraw', DECLARING, 'DRAFT'],
    ['SUBMITTED', 'withdraw', REVISING, '申报期限已过，已提交的计划不能撤回'],
    ['SUBMITTED', 'approve_first', DECLARING, 'FIRST_APPROVED'],
    ['SUBMITTED', 'return', REVISING, 'RETURNED'],
    ['FIRST_APPROVED', 'return', DECLARING, 'RETURNED'],
    ['SUBMITTED', 'approve_first', CLOSED, '系统已关闭，初审已结束'],
    ['DRAFT', 'expire', CLOSED, 'EXPIRED'],
    ['RETURNED', 'expire', CLOSED, 'EXPIRED'],
    ['DRAFT', 'expire', REVISING, '复审在修改期限截止、系统关闭后进行'],
    ['FIRST_APPROVED', 'approve_second', CLOSED, 'SECOND_APPROVED'],
    ['FIRST_APPROVED', 'reject_second', CLOSED, 'REJECTED'],
    ['FIRST_APPROVED', 'approve_second', REVISING, '复审在修改期限截止、系统关闭后进行'],
    ['SECOND_APPROVED', 'send_for_approval', CLOSED, 'SENT_FOR_APPROVAL'],
    ['SENT_FOR_APPROVAL', 'record_approved', CLOSED, 'APPROVED'],
    ['SENT_FOR_APPROVAL', 'record_not_approved', CLOSED, 'NOT_APPROVED'],
    ['APPROVED', 'publish', CLOSED, 'PUBLISHED'],
    ['NOT_APPROVED', 'publish', CLOSED, '计划当前状态为「审批未通过」，不能公布'],
    ['PUBLISHED', 'submit', DECLARING, '计划当前状态为「已公布」，不能提交'],
    ['EXPIRED', 'submit', DECLARING, '计划当前状态为「逾期未提交」，不能提交'],
    ['SUBMITTED', 'submit', DECLARING, '计划当前状态为「已提交，待初审」，不能提交'],
  ])('%s —%s→ on %s: %s', (from, action, when, expected) => {
    const r = transition(from, action, PHASES[when]!);
    if (/^[A-Z_]+$/.test(expected)) expect(r).toEqual({ ok: true, to: expected });
    else expect(r).toEqual({ ok: false, error: expected });
  });
});
