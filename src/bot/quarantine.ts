// What is said when an event is quarantined (it ended the process too many times): its sender hears that it
// will not be retried and that their other messages go on; every admin gets one alert saying how to look
// at it and put it back. The keys make each message go once, even if the process dies while saying it.
import type { Logger } from '../logger.ts';
import { replyFor } from './reply.ts';
import { actorOf, type InboundEvent, type QuarantineInfo } from '../inbound.ts';
import type { Ports } from '../ports/index.ts';
import { T } from './texts.ts';

function what(ev: InboundEvent): string {
  if (ev.kind === 'menu') return `菜单「${ev.eventKey}」`;
  if (ev.kind === 'p2p_entered') return '进入会话';
  if (ev.file) return `文件「${ev.file.fileName}」`;
  return ev.text ? `消息「${ev.text.length > 30 ? `${ev.text.slice(0, 30)}…` : ev.text}」` : `${ev.messageType} 消息`;
}

export function quarantineNotices(deps: Pick<Ports, 'messenger' | 'people' | 'roster'>) {
  return async (ev: InboundEvent, info: QuarantineInfo, log: Logger): Promise<void> => {
    const tag = `:quarantined:${info.attempts}`;
    if (ev.kind === 'message') await replyFor(deps.messenger, ev, tag).text(ev.file ? T.quarantinedFile(ev.file.fileName) : ev.text ? T.quarantinedText(ev.text) : T.quarantinedOther);
    else if (ev.kind === 'menu') await replyFor(deps.messenger, ev, tag).text(T.quarantinedOther);
    const sender = await deps.people.find(actorOf(ev));
    const admins = await deps.roster.byRole('admin');
    if (!admins.length) log.error({ rowId: info.id }, 'no admin to tell about a quarantined event (npm run cli -- users:grant <open_id> admin)');
    const alert = [
      `【需要处理】一条消息在处理时导致机器人进程退出了 ${info.crashes} 次，已隔离，不再自动处理。`,
      `编号：${info.id}`,
      `发送人：${sender?.name ?? ''}（${actorOf(ev)}）`,
      `内容：${what(ev)}`,
      '发送人已收到“无法处理、已停止重试”的通知，他的其他消息照常处理。',
      `查看：npm run cli -- inbox:status    排查后重新处理：npm run cli -- inbox:retry ${info.id}`,
    ].join('\n');
    for (const a of admins) await deps.messenger.sendText({ openId: a.openId }, alert, `quarantine:${info.id}:${info.attempts}:${a.openId}`);
  };
}
