// A command that reaches the bot long after it was sent (the long connection was down, or Feishu retried
// for a while) is marked late when stored, and the person is told before the answer.
import { describe, expect, it } from 'vitest';
import { LATE_AFTER_MS, markLate, type InboundEvent } from '../src/inbound.ts';
import { T } from '../src/bot/texts.ts';

const SENT = Date.parse('2027-08-05T23:58:00+08:00');
const message = (sentAtMs?: number): InboundEvent => ({
  kind: 'message', eventId: 'e', messageId: 'om_1', chatId: 'oc', chatType: 'p2p', senderOpenId: 'ou_a', messageType: 'text', text: '提交', mentionOpenIds: [], sentAtMs,
});

describe('late commands', () => {
  it.each([
    ['on time', message(SENT), 2_000, undefined],
    ['Feishu\'s first retry (15 s)', message(SENT), 15_000, undefined],
    ['just within the allowance', message(SENT), LATE_AFTER_MS, undefined],
    ['Feishu\'s second retry (5 min)', message(SENT), 5 * 60_000, 5 * 60_000],
    ['after a long outage', message(SENT), 7 * 3600_000, 7 * 3600_000],
    ['no sending time known', message(undefined), 7 * 3600_000, undefined],
    ['a menu click', { kind: 'menu', eventId: 'e', openId: 'ou_a', eventKey: 'help', sentAtMs: SENT } as InboundEvent, 10 * 60_000, 10 * 60_000],
    ['opening the chat is never late', { kind: 'p2p_entered', eventId: 'e', openId: 'ou_a', chatId: 'oc' } as InboundEvent, 10 * 60_000, undefined],
  ])('%s', (_name, ev, delay, lateBy) => {
    const marked = markLate(ev, new Date(SENT + delay));
    expect(marked.kind !== 'p2p_entered' ? marked.lateByMs : undefined).toBe(lateBy);
  });

  it('says when it was sent and when it arrived, in Beijing time', () => {
    expect(T.lateDelivery(message(SENT), SENT, 9 * 60_000)).toBe(
      '您在 8月5日 23:58 发送的「提交」，机器人 8月6日 00:07 才收到（晚了约 9 分钟，与飞书的连接中断过）。下面是按收到时的情况给出的答复；如果已不是您要的，请重新发送。',
    );
    expect(T.lateDelivery({ kind: 'menu', eventId: 'e', openId: 'ou_a', eventKey: 'help' }, SENT, 4 * 60_000)).toContain('您在 8月5日 23:58 点的菜单，机器人 8月6日 00:02 才收到');
  });
});
