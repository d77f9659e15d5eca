// What the operator reads when Feishu refuses the long connection (the bot then exits with 78).
import { describe, expect, it } from 'vitest';
import { refusalMessage } from '../../src/feishu/long-connection.ts';

describe('refusals', () => {
  it.each([
    ['the token request', { code: 10014, msg: 'app secret invalid' }, '飞书返回错误码 10014（app secret invalid）', 'FEISHU_APP_SECRET'],
    ['the connection endpoint, through the client', new Error('pullConnectConfig failed: code=514, msg=auth failed'), '飞书返回错误码 514（auth failed）', '企业自建应用'],
    ['too many connections', new Error('pullConnectConfig failed: code=1000040350, msg=exceed conn limit'), '飞书返回错误码 1000040350（exceed conn limit）', '每个应用最多 50 个'],
    ['something else the client says', new Error('WebSocket reconnect exhausted after 3 attempts'), '飞书返回：WebSocket reconnect exhausted after 3 attempts', 'FEISHU_APP_ID'],
  ])('%s', (_name, refusal, said, advice) => {
    const text = refusalMessage(refusal);
    expect(text).toContain(`飞书拒绝了长连接，机器人没有启动：${said}。`);
    expect(text).toContain(advice);
  });
});
