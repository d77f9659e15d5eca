import { ROLE_LABELS, type Person } from '../domain/people.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

export type HelpEntry = { word: string; summary: string; usage?: string | undefined };

export function helpCard(p: { person: Person | null; unitName: string | null; entries: HelpEntry[] }): CardJson {
  const lines = p.entries.map(
    (e) => `- **${escapeMarkdown(e.word)}**　${escapeMarkdown(e.summary)}${e.usage ? `（例：${escapeMarkdown(e.usage)}）` : ''}`,
  );
  return renderCard('help', {
    subtitle: subtitleOf(p.person, p.unitName),
    commandList: lines.join('\n'),
    footer: '直接发送上面加粗的文字即可，随时发送「帮助」回到这里。有疑问请联系市人力资源社会保障局职建科 0772-2825472。',
  });
}

export function subtitleOf(person: Person | null, unitName: string | null): string {
  const parts: string[] = [];
  if (person?.unitCode) parts.push(`${unitName ?? person.unitCode} 申报人`);
  if (person?.role === 'reviewer' || person?.role === 'admin') parts.push(ROLE_LABELS[person.role]);
  return parts.length ? `您的身份：${parts.join('、')}` : '您还没有关联单位';
}
