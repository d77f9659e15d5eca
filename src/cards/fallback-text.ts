// What a person is told in plain text when Feishu refuses a card for good: what the card was about (its
// title) and what to send to get it again (its resend line, see paging.ts), never a silent drop.
import { resendCommandOf } from './limits.ts';

const textOf = (o: unknown) => (o && typeof o === 'object' && typeof (o as { content?: unknown }).content === 'string' ? (o as { content: string }).content : '');

export function cardFallbackText(card: unknown): string {
  const header = (card && typeof card === 'object' ? (card as { header?: { title?: unknown; subtitle?: unknown } }).header : undefined) ?? {};
  const title = textOf(header.title);
  const subtitle = textOf(header.subtitle);
  const command = resendCommandOf(card);
  return [
    `${title ? `「${title}」${subtitle ? `（${subtitle}）` : ''}` : '一张消息卡片'}没能显示：飞书拒收了这张卡片。`,
    command ? `请发送「${command}」重新查看（长的列表会分页显示）；如果仍然不行，请联系系统管理员。` : '请稍后再试；如果仍然不行，请联系系统管理员。',
  ].join('\n');
}
