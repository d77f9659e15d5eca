// An admin's card for a link request (绑定): who asked, for which unit, and 同意 / 拒绝.
import { formatDateTime } from '../domain/dates.ts';
import { button } from './actions.ts';
import { noticeCard } from './notice-card.ts';
import { escapeMarkdown, type CardJson } from './render.ts';

export function linkRequestCard(p: {
  requestId: number;
  person: { openId: string; name: string | null };
  unit: { code: string; name: string; contactName: string | null };
  at: Date;
  decided?: { approve: boolean; by: string; at: Date } | undefined;
}): CardJson {
  const body = [
    `**申请人**　${escapeMarkdown(p.person.name ?? '（姓名未知）')}（${escapeMarkdown(p.person.openId)}）`,
    `**申请关联单位**　${escapeMarkdown(p.unit.name)}（${escapeMarkdown(p.unit.code)}）`,
    `**名册登记的联系人**　${escapeMarkdown(p.unit.contactName ?? '（未登记）')}`,
    `**申请时间**　${formatDateTime(p.at)}`,
  ].join('\n');
  if (p.decided) {
    return noticeCard({
      title: p.decided.approve ? '已同意关联申请' : '已拒绝关联申请',
      color: p.decided.approve ? 'green' : 'grey',
      body: `${body}\n**处理**　${escapeMarkdown(p.decided.by)} 于 ${formatDateTime(p.decided.at)} ${p.decided.approve ? '同意' : '拒绝'}`,
    });
  }
  return noticeCard({
    title: '关联单位申请',
    color: 'orange',
    body,
    buttons: [
      button('同意', { a: 'link_decide', req: p.requestId, approve: true }, 'primary_filled'),
      button('拒绝', { a: 'link_decide', req: p.requestId, approve: false }, 'danger'),
    ],
    footer: '同意后，此人可以为该单位申报培训计划。',
  });
}
