import type { Person } from '../domain/people.ts';
import { subtitleOf } from './help-card.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

export const INTRO =
  '我帮助全市各机关事业单位在飞书里完成年度**培训计划申报**：填报培训班、查看审核意见、按时修改，并提醒报送培训执行情况。';

export function welcomeCard(p: { person: Person | null; unitName: string | null; linkHint: string }): CardJson {
  const status = p.person?.unitCode || p.person?.role === 'reviewer' || p.person?.role === 'admin'
    ? `**${escapeMarkdown(subtitleOf(p.person, p.unitName))}**`
    : p.linkHint;
  return renderCard('welcome', { greeting: '您好！', intro: INTRO, status });
}
