// One reminder card per person and moment: everything due for them then, each with its own buttons.
import { resendLine } from './paging.ts';
import { buttonRow } from './parts.ts';
import { renderCard, type CardJson } from './render.ts';

export type ReminderEntry = { text: string; buttons: Record<string, unknown>[] };

export function reminderCard(p: { title: string; subtitle: string; urgent: boolean; entries: ReminderEntry[]; footer: string; resend?: string }): CardJson {
  return renderCard('reminder', {
    title: p.title,
    subtitle: p.subtitle,
    color: p.urgent ? 'red' : 'orange',
    items: p.entries.map((e) => ({ text: e.text, actions: e.buttons.length ? buttonRow(e.buttons) : [] })),
    footer: p.footer,
    resend: p.resend ? resendLine(p.resend) : '',
  });
}
