// What linking says: the answer to a 绑定 (or a click on a unit), the units to pick from, the toasts of an
// admin's decision and the requester's outcome message.
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { isCompetent, type Unit } from '../../domain/units.ts';
import type { CardResponse } from '../../inbound.ts';
import type { LinkByNameResult, LinkDecisionResult, LinkRequestResult } from './types.ts';

export function requestText(r: LinkRequestResult): string {
  if (r.status === 'requested') return `已提交申请：关联到「${r.unit.name}」（${r.code}）。管理员确认后会通知您。`;
  switch (r.reason) {
    case 'waiting':
      return `您已在 ${formatDateTime(r.since)} 申请关联单位 ${r.unitCode}，正在等待管理员确认，确认后会通知您。`;
    case 'no_code':
      return '请在「绑定」后面写上本单位的预算单位代码或名称，例如：绑定 101001，或：绑定 交通运输局';
    case 'unknown_code':
      return `单位名册中没有预算单位代码「${r.code}」。请核对代码（须与财政预算管理一体化系统一致）后重新发送。`;
    case 'second_tier':
      return `「${r.unit.name}」是二层单位，由主管单位统一申报。请申请关联主管单位：绑定 ${r.unit.parentCode}${r.parent ? `（${r.parent.name}）` : ''}`;
    case 'already_linked':
      return `您已经关联到「${r.unit.name}」，可以直接申报。发送「帮助」查看怎么做。`;
    case 'linked_elsewhere':
      return `您已关联到单位 ${r.current}。如需改为「${r.unit.name}」，请联系系统管理员。`;
    case 'no_admin':
      return '系统还没有设置管理员，暂时无法处理关联申请。请联系市人力资源社会保障局职建科（0772-2825472）。';
  }
}

/** A click that files a request: the answer in the chat, and a toast (a long one cut). */
export function requestToast(r: LinkRequestResult): CardResponse['toast'] {
  const text = requestText(r);
  return { type: r.status === 'requested' ? 'success' : 'info', content: text.length > 40 ? `${text.slice(0, 38)}…` : text };
}

export function byNameReply(r: LinkByNameResult): { text: string } | { card: ReturnType<typeof noticeCard> } {
  if (r.status === 'none') {
    return { text: `单位名册中没有名称像「${r.shown}」的单位。请写单位全称或其中几个字（例如：绑定 交通运输局），或本单位的预算单位代码（例如：绑定 101001，可向本单位财务人员询问）。` };
  }
  const { matches } = r;
  return {
    card: noticeCard({
      title: '选择您的单位',
      color: 'blue',
      body: [
        `单位名册中与「${escapeMarkdown(r.shown)}」最接近的${matches.length > 1 ? ` ${matches.length} 个` : ''}单位：`,
        ...matches.map((u) => `- **${escapeMarkdown(u.name)}**（${u.code}）${isCompetent(u) ? '' : '，二层单位，由主管单位统一申报'}`),
      ].join('\n'),
      buttons: matches.map((u, i) => button(u.name.length > 14 ? `${u.name.slice(0, 13)}…` : u.name, { a: 'link_to', code: u.code }, i === 0 ? 'primary' : 'default')),
      footer: '点您所在的单位提交关联申请，管理员确认后即可申报。都不是？请发送「绑定 预算单位代码」。',
    }),
  };
}

/** The requester's message once an admin decided. */
export function decisionText(approve: boolean, unit: Unit): string {
  return approve
    ? `管理员已同意：您已关联到「${unit.name}」（${unit.code}），可以为本单位申报培训计划了。发送「申报」开始，或发送「帮助」查看能做什么。`
    : `管理员没有同意您关联到「${unit.name}」的申请。如有疑问，请联系本单位培训联系人或市人力资源社会保障局职建科（0772-2825472）。`;
}

/** The deciding admin's answer: a toast, and the card as it now stands. */
export function decisionResponse(r: LinkDecisionResult): CardResponse {
  if (r.status === 'refused') return { toast: { type: 'error', content: r.reason === 'no_request' ? '找不到这个申请' : `单位 ${r.unitCode} 已不在名册中` } };
  if (r.status === 'already') {
    return { toast: { type: 'info', content: r.decided ? `已由 ${r.decided.by} 于 ${formatDateTime(r.decided.at)} 处理` : '这个申请已处理' }, card: r.card };
  }
  return { toast: { type: 'success', content: r.approve ? '已同意' : '已拒绝' }, card: r.card };
}
