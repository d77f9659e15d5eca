import { describe, expect, it } from 'vitest';
import { normalizePush, textOfContent } from '../../src/feishu/normalize.ts';
import { cardActionEvent, envelope, messageEvent } from '../support/feishu-push.ts';

const APP = 'cli_app';
const env = (type: string, event: Record<string, unknown>) => envelope(type, event, { appId: APP, eventId: 'ev1' });

describe('normalizing pushes', () => {
  it('a p2p text message', () => {
    const n = normalizePush(env('im.message.receive_v1', messageEvent({ openId: 'ou_a', text: ' 帮助 ', messageId: 'om_1' })), APP);
    expect(n).toEqual({
      type: 'event',
      event: expect.objectContaining({ kind: 'message', messageId: 'om_1', chatType: 'p2p', senderOpenId: 'ou_a', text: '帮助', mentionOpenIds: [] }),
    });
  });

  it('a group message: mention placeholders removed, mentioned ids kept', () => {
    const n = normalizePush(
      env('im.message.receive_v1', messageEvent({ openId: 'ou_a', text: '申报', chatType: 'group', mentions: [{ openId: 'ou_bot', name: 'bot' }] })),
      APP,
    );
    expect(n.type === 'event' && n.event).toMatchObject({ chatType: 'group', text: '申报', mentionOpenIds: ['ou_bot'] });
  });

  it('a file message keeps the key and name', () => {
    const n = normalizePush(env('im.message.receive_v1', messageEvent({ openId: 'ou_a', file: { fileKey: 'file_v3_1', fileName: '计划.xlsx' } })), APP);
    expect(n.type === 'event' && n.event).toMatchObject({ messageType: 'file', file: { fileKey: 'file_v3_1', fileName: '计划.xlsx' } });
  });

  it.each([
    ['text', '{"text":"@_user_1  你好\\n世界"}', '你好 世界'],
    ['post', '{"title":"标题","content":[[{"tag":"text","text":"第一段"},{"tag":"at","user_id":"@_user_1"}],[{"tag":"a","text":"链接","href":"x"}]]}', '标题 第一段 链接'],
    ['post', '{"zh_cn":{"title":"","content":[[{"tag":"text","text":"按语言"}]]}}', '按语言'],
    ['image', '{"image_key":"img_1"}', undefined],
    ['text', 'not json', undefined],
  ])('text of a %s message %s', (type, content, expected) => {
    expect(textOfContent(type, content)).toBe(expected);
  });

  it.each([
    ['milliseconds', { message: '1780000000123', header: '1780000009999' }, 1780000000123],
    ['seconds (10 digits)', { message: '1780000000', header: undefined }, 1780000000000],
    ['no message time: the push header\'s', { message: undefined, header: '1780000009999' }, 1780000009999],
    ['neither readable', { message: '17.8e11', header: 'soon' }, undefined],
  ])('when a message was sent: %s', (_name, times, expected) => {
    const ev = messageEvent({ openId: 'ou_a', text: '提交' });
    const pushed = env('im.message.receive_v1', ev) as unknown as { header: Record<string, unknown>; event: typeof ev };
    if (times.message === undefined) delete (pushed.event.message as Partial<typeof ev.message>).create_time;
    else pushed.event.message.create_time = times.message;
    if (times.header === undefined) delete pushed.header.create_time;
    else pushed.header.create_time = times.header;
    const n = normalizePush(pushed, APP);
    expect(n.type === 'event' && n.event.kind === 'message' && n.event.sentAtMs).toBe(expected ?? undefined);
  });

  it('menu clicks and opening the chat', () => {
    expect(normalizePush(env('application.bot.menu_v6', { operator: { operator_id: { open_id: 'ou_a' } }, event_key: 'help' }), APP)).toEqual({
      type: 'event',
      event: { kind: 'menu', eventId: 'ev1', openId: 'ou_a', eventKey: 'help', sentAtMs: expect.any(Number) },
    });
    expect(normalizePush(env('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: 'oc_1', operator_id: { open_id: 'ou_a' } }), APP)).toEqual({
      type: 'event',
      event: { kind: 'p2p_entered', eventId: 'ev1', openId: 'ou_a', chatId: 'oc_1' },
    });
  });

  it('a card click', () => {
    const n = normalizePush(env('card.action.trigger', cardActionEvent({ openId: 'ou_a', messageId: 'om_c', value: { a: 'help' }, formValue: { x: '1' } })), APP);
    expect(n).toMatchObject({ type: 'card_action', action: { openId: 'ou_a', messageId: 'om_c', value: { a: 'help' }, formValue: { x: '1' } } });
  });

  it.each([
    ['an unknown event type', env('contact.user.updated_v3', {}), { type: 'ignored', reason: 'unknown_event_type' }],
    ['a message from another bot', env('im.message.receive_v1', { ...messageEvent({ openId: 'ou_a', text: 'x' }), sender: { sender_id: { open_id: 'ou_b' }, sender_type: 'app' } }), { type: 'ignored' }],
    ['a v1.0 event', { uuid: 'u', token: 't', type: 'event_callback', event: { type: 'message' } }, { type: 'ignored', reason: 'not_schema_2' }],
    ['another app id', envelope('im.message.receive_v1', messageEvent({ openId: 'ou_a', text: 'x' }), { appId: 'cli_other' }), { type: 'invalid', status: 401, reason: 'app_id_mismatch' }],
    ['a header without event id', { schema: '2.0', header: { event_type: 'x' }, event: {} }, { type: 'invalid', status: 400 }],
    ['a card click without a message id', env('card.action.trigger', { operator: { open_id: 'ou_a' }, action: { value: {} }, context: {} }), { type: 'invalid', status: 400 }],
  ])('%s', (_name, payload, expected) => {
    expect(normalizePush(payload as Record<string, unknown>, APP)).toMatchObject(expected);
  });
});
