// 相似计划 in words: every pair of similar plans of different units in a year, the closest first, with why.
import { noticeCard } from '../../../cards/notice-card.ts';
import { escapeMarkdown } from '../../../cards/render.ts';
import type { ComparablePlan } from '../../../domain/similar-plans.ts';

const SIMILAR_SHOWN = 25;

type Pair = { a: ComparablePlan; b: ComparablePlan; titleWords: string; audienceWords: string | null };

export function similarCard(year: number, pairs: readonly Pair[]) {
  const side = (p: ComparablePlan) => `${escapeMarkdown(p.unitName)} ${escapeMarkdown(p.number)}《${escapeMarkdown(p.title)}》${p.month ? `${p.month}月` : ''}`;
  const lines = pairs.slice(0, SIMILAR_SHOWN).map((x) => `- ${side(x.a)} ↔ ${side(x.b)}（都有「${escapeMarkdown(x.titleWords)}」${x.audienceWords ? `，对象都有「${escapeMarkdown(x.audienceWords)}」` : ''}）`);
  return noticeCard({
    title: `相似计划 · ${year}年度`,
    color: pairs.length ? 'orange' : 'green',
    body: pairs.length
      ? [`已申报的计划中有 ${pairs.length} 对相似${pairs.length > SIMILAR_SHOWN ? `，列出最接近的 ${SIMILAR_SHOWN} 对` : ''}：`, ...lines].join('\n')
      : '已申报的计划中没有发现不同单位之间相似的培训班。',
    footer: '判断依据：培训类别相同，名称中表示主题的词相同，培训对象有重叠（或面向全体）。可建议相关单位联合办班〔通知 二(二)五〕，避免项目冗杂〔二(二)四〕。',
  });
}
