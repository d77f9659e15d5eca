// The campaign calendar of one plan year [seed 二(一)1-3, DOMAIN.md "The campaign calendar"]. For plan year Y
// the notice's dates fall in Y-1: declaration opens with the notice (≈ Jul 25), 申报 by Aug 5, 修改 by Aug 10
// (then the system is closed), 补录 of past execution data by Dec 31. Every date can be set by the admin.
// Deadlines are stored as the first instant after the last allowed moment, so "by Aug 5" is open at
// Aug 5 23:59:59.999 Beijing time and closed at Aug 6 00:00:00, whatever the server's time zone.
import { z } from 'zod';
import { beijingInstant, beijingYmd, endOfBeijingDay, formatDate, formatDeadline, ymd, ymdParts, type Ymd } from './dates.ts';

export type Campaign = {
  year: number;
  opensAt: Date;
  /** 申报 closes (exclusive). */
  declareClosesAt: Date;
  /** 修改 closes (exclusive); after it the system is closed [seed 二(一)2]. */
  reviseClosesAt: Date;
  /** 补录 of execution data since 2020 closes (exclusive) [seed 一]. */
  backfillClosesAt: Date;
  /** Set when the close job ran (drafts and unrevised returns expired). */
  closedAt?: Date | null;
  /** Set when results were published to the units [seed 二(一)3]. */
  publishedAt?: Date | null;
};

export const planYearSchema = z.coerce
  .number({ error: '年度应为四位数字，例如 2027' })
  .int({ error: '年度应为四位数字，例如 2027' })
  .min(2020, { error: '年度不能早于 2020' })
  .max(2100, { error: '年度不能晚于 2100' });

/** The notice's dates, moved to the year before plan year `year`. */
export function defaultCampaign(year: number): Campaign {
  const y = year - 1;
  return {
    year,
    opensAt: beijingInstant(ymd(y, 7, 25)),
    declareClosesAt: endOfBeijingDay(ymd(y, 8, 5)),
    reviseClosesAt: endOfBeijingDay(ymd(y, 8, 10)),
    backfillClosesAt: endOfBeijingDay(ymd(y, 12, 31)),
    closedAt: null,
    publishedAt: null,
  };
}

export type CampaignDates = { opens?: Ymd | undefined; declareBy?: Ymd | undefined; reviseBy?: Ymd | undefined; backfillBy?: Ymd | undefined };

/** Applies admin-chosen dates (each a last allowed day, or the opening day) and checks their order. */
export function withDates(base: Campaign, dates: CampaignDates): { ok: true; campaign: Campaign } | { ok: false; error: string } {
  const c: Campaign = {
    ...base,
    ...(dates.opens ? { opensAt: beijingInstant(dates.opens) } : {}),
    ...(dates.declareBy ? { declareClosesAt: endOfBeijingDay(dates.declareBy) } : {}),
    ...(dates.reviseBy ? { reviseClosesAt: endOfBeijingDay(dates.reviseBy) } : {}),
    ...(dates.backfillBy ? { backfillClosesAt: endOfBeijingDay(dates.backfillBy) } : {}),
  };
  if (!(c.opensAt < c.declareClosesAt)) return { ok: false, error: '开始申报的日期必须早于申报截止日期' };
  if (!(c.declareClosesAt <= c.reviseClosesAt)) return { ok: false, error: '修改截止日期不能早于申报截止日期' };
  return { ok: true, campaign: c };
}

export type Phase = 'not_open' | 'declaring' | 'revising' | 'second_review' | 'published';

export type PhaseInfo = {
  phase: Phase;
  /** New plans may be submitted. */
  canDeclare: boolean;
  /** Returned plans may be revised and resubmitted. */
  canRevise: boolean;
  /** Reviewers decide plans again (after close) [seed 二(一)2]. */
  secondReview: boolean;
  published: boolean;
  /** The next deadline people should know about, if any. */
  nextDeadline: { what: string; closesAt: Date } | null;
};

export function phaseAt(c: Campaign, now: Date): PhaseInfo {
  const t = now.getTime();
  const base = { canDeclare: false, canRevise: false, secondReview: false, published: false, nextDeadline: null };
  if (c.publishedAt && t >= c.publishedAt.getTime()) return { ...base, phase: 'published', published: true };
  if (t < c.opensAt.getTime()) {
    return { ...base, phase: 'not_open', nextDeadline: { what: '申报', closesAt: c.declareClosesAt } };
  }
  if (t < c.declareClosesAt.getTime()) {
    return { ...base, phase: 'declaring', canDeclare: true, canRevise: true, nextDeadline: { what: '申报', closesAt: c.declareClosesAt } };
  }
  if (t < c.reviseClosesAt.getTime()) {
    return { ...base, phase: 'revising', canRevise: true, nextDeadline: { what: '修改', closesAt: c.reviseClosesAt } };
  }
  return { ...base, phase: 'second_review', secondReview: true };
}

/**
 * The plan year people are working on at `now`: the earliest campaign (stored, or by default dates)
 * whose revision window has not closed. In Beijing year X that is X+1 until Aug 10, then X+2.
 */
export function currentCampaignYear(now: Date, stored: readonly Campaign[]): number {
  const x = ymdParts(beijingYmd(now)).y;
  const byYear = new Map<number, Campaign>([x, x + 1, x + 2].map((y) => [y, defaultCampaign(y)]));
  for (const c of stored) byYear.set(c.year, c);
  const open = [...byYear.values()].sort((a, b) => a.year - b.year).find((c) => now < c.reviseClosesAt);
  return open?.year ?? x + 2;
}

export function describeCampaign(c: Campaign): string[] {
  return [
    `${c.year}年度培训计划`,
    `开始申报：${formatDate(c.opensAt)}`,
    `申报截止：${formatDeadline(c.declareClosesAt)}`,
    `修改截止：${formatDeadline(c.reviseClosesAt)}（之后系统关闭）`,
    `历史数据补录截止：${formatDeadline(c.backfillClosesAt)}`,
  ];
}

const CONTACT = '市人力资源社会保障局职建科（0772-2825472）';

/**
 * Why a new plan cannot be declared at `now` for campaign `c`, in people's words; null while declaring is
 * open. Before opening, a campaign the admin has stored says when it opens; one that is only the notice's
 * default dates is not announced yet, so no date is promised. `previous` (the year before) is said to have
 * closed once it has, so nobody reads a date to come as one gone by.
 */
export function declareRefusal(c: Campaign, now: Date, o: { set: boolean; previous?: Campaign | null }): string | null {
  const phase = phaseAt(c, now);
  if (phase.canDeclare) return null;
  if (phase.phase === 'revising') {
    return `${c.year}年度培训计划的申报已于 ${formatDeadline(c.declareClosesAt)} 截止，不再受理新的申报。被退回的计划可在 ${formatDeadline(c.reviseClosesAt)} 前修改后重新提交（发送「我的申报」查看）。`;
  }
  if (phase.phase !== 'not_open') {
    return `${c.year}年度培训计划的申报和修改已于 ${formatDeadline(c.reviseClosesAt)} 截止，系统已关闭，不再受理。如有特殊情况，请联系${CONTACT}。`;
  }
  const before = o.previous && now >= o.previous.reviseClosesAt ? `${o.previous.year}年度培训计划的申报和修改已于 ${formatDeadline(o.previous.reviseClosesAt)} 截止。` : '';
  if (!o.set) return `${before}${c.year}年度培训计划申报尚未开放，开始和截止日期以当年的申报通知为准。如需了解安排，请联系系统管理员或${CONTACT}。`;
  return `${before}${c.year}年度培训计划申报将于${formatDate(c.opensAt)}开始，${formatDeadline(c.declareClosesAt)} 截止。届时发送「申报」即可填报。`;
}
