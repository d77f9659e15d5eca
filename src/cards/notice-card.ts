// A message card: a coloured header, a markdown body, optional buttons.
import { buttonRow } from './parts.ts';
import { renderCard, type CardJson } from './render.ts';

export type NoticeColor = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'turquoise' | 'indigo';

export function noticeCard(p: { title: string; body: string; color?: NoticeColor; buttons?: Record<string, unknown>[]; footer?: string }): CardJson {
  return renderCard('notice', {
    title: p.title,
    color: p.color ?? 'blue',
    body: p.body,
    actions: p.buttons?.length ? buttonRow(p.buttons) : [],
    footer: p.footer ?? '',
  });
}
