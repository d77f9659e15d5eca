// 执行: the unit's list of approved plans, their classes at a glance, and the menus to act (a page at a time).
import { renderCard, type CardJson } from './render.ts';

const plain = (content: string) => ({ tag: 'plain_text', content });

export type ExecListPlan = { text: string };

/** Options in a menu of the 执行 list: each is an element (its text), so a page's menus stay small. */
export const MENU_OPTIONS = 40;

/** 执行: the unit's approved plans, their classes and the six steps at a glance, with menus to act; a page at a time. */
export function executionListCard(p: {
  title: string;
  subtitle: string;
  color: 'blue' | 'red' | 'orange' | 'green';
  intro: string;
  plans: ExecListPlan[];
  pageLine: string;
  classes: { id: number; label: string }[];
  plansWithRoom: { id: number; label: string }[];
  pager: Record<string, unknown> | null;
  footer: string;
  resend: Record<string, unknown>;
}): CardJson {
  const menu = (placeholder: string, items: { id: number; label: string }[], value: Record<string, unknown>) =>
    items.length
      ? {
          tag: 'select_static',
          placeholder: plain(placeholder),
          options: items.slice(0, MENU_OPTIONS).map((i) => ({ text: plain(i.label.slice(0, 60)), value: String(i.id) })),
          behaviors: [{ type: 'callback', value }],
        }
      : '';
  return renderCard('execution-list', {
    title: p.title,
    subtitle: p.subtitle,
    color: p.color,
    intro: p.intro,
    pageLine: p.pageLine,
    plans: p.plans,
    classMenu: menu('查看或填报某一期…', p.classes, { a: 'class_pick' }),
    planMenu: menu('登记开班…', p.plansWithRoom, { a: 'class_new' }),
    pager: p.pager ?? '',
    actions: [],
    footer: p.footer,
    resend: p.resend,
  });
}
