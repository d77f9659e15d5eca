// Declaring a plan by chat or by one form [seed 二(一)1]: 申报 and its conversation, 继续, 表单申报, 我的申报,
// 复制去年, 无计划, 截止时间; a class told in one sentence; the nudge for drafts left alone.
import type { Feature, Kit } from '../../bot/manifest.ts';
import { currentCampaignYear } from '../../domain/campaign.ts';
import { formatDeadline } from '../../domain/dates.ts';
import { campaignFor } from '../../model/reference-data.ts';
import type { DeclarationDeps } from './deps.ts';
import { declarationCommands, declarationPages, declarationRoutes, declareFromSentence, feedText, openQuestion } from './index.ts';
import { nudgeIdleDrafts } from './nudges.ts';

export function declarationFeature(ports: Omit<DeclarationDeps, 'hub'>, kit: Kit): Feature {
  const deps: DeclarationDeps = { ...ports, hub: kit.hub };
  const { clock } = deps;
  return {
    name: 'declaration',
    commands: declarationCommands(deps),
    cards: declarationRoutes(deps),
    pages: declarationPages(deps),
    chat: {
      intercept: { order: 20, take: (person, text, reply, log) => feedText(deps, person, text, reply, log) },
      sentence: (person, text, reply, log) => declareFromSentence(deps, person, text, reply, log),
      openQuestion: (person) => openQuestion(deps, person),
      // The welcome card of a declarant names the coming deadline.
      welcomeLine: async (person) => {
        if (!person?.unitCode) return null;
        const c = await campaignFor(deps, currentCampaignYear(clock.now(), await deps.campaigns.all()));
        return clock.now() < c.declareClosesAt ? `${c.year}年度培训计划申报截止：**${formatDeadline(c.declareClosesAt)}**` : null;
      },
    },
    jobs: [
      {
        name: 'draft-nudges',
        title: '草稿提醒',
        description: '提醒放置超过 24 小时的申报草稿（每份草稿每次闲置只提醒一次，08:30–20:00）',
        schedule: '5 * * * *',
        run: (now) => nudgeIdleDrafts(deps, now),
        describe: (r) => {
          const x = r as { nudged: number; skipped?: string };
          return [x.skipped ? '现在不在 08:30–20:00 之间，不发提醒。' : x.nudged ? `提醒了 ${x.nudged} 份闲置超过 24 小时的草稿。` : '没有闲置超过 24 小时、尚未提醒的草稿。'];
        },
      },
    ],
  };
}
