import { describe, expect, it } from 'vitest';
import { classifyError, failureFromBody } from '../../src/feishu/errors.ts';

const axiosError = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  message: `Request failed with status code ${status}`,
  response: { status, data, headers },
});

describe('classifying Feishu failures', () => {
  it.each([
    ['gateway limit 429 / 99991400 with reset header', axiosError(429, { code: 99991400 }, { 'x-ogw-ratelimit-reset': '3' }), 'rate_limited', 3000],
    ['IM limit 230020', axiosError(400, { code: 230020 }), 'rate_limited', undefined],
    ['expired token 99991663', axiosError(400, { code: 99991663 }), 'token_expired', undefined],
    ['expired token on a 401', axiosError(401, { code: 99991663 }), 'token_expired', undefined],
    ['server error', axiosError(502, '<html>bad gateway</html>'), 'transient', undefined],
    ['card mid-interaction 11310', axiosError(400, { code: 11310 }), 'transient', undefined],
    ['card mid-interaction, said so', axiosError(400, { code: 11310, msg: 'card action is lock' }), 'transient', undefined],
    ['card mid-interaction as the sub-code of 230099', axiosError(400, { code: 230099, msg: 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: card action is lock; ' }), 'transient', undefined],
    ['too many elements (230099 / 11310)', axiosError(400, { code: 230099, msg: 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: element exceeds the limit; ErrorValue: 213; ' }), 'card_rejected', undefined],
    ['too many elements (11310 alone)', axiosError(400, { code: 11310, msg: 'element exceeds the limit' }), 'card_rejected', undefined],
    ['too many tables (11310)', axiosError(400, { code: 11310, msg: 'card table number over limit' }), 'card_rejected', undefined],
    ['an invalid card (230099)', axiosError(400, { code: 230099, msg: 'Failed to create card content, ext=ErrCode: 200621; ErrMsg: parse card json err' }), 'card_rejected', undefined],
    ['a card over 30 KB (230025)', axiosError(400, { code: 230025, msg: 'The message content exceeds the length limit.' }), 'card_rejected', undefined],
    ['user outside availability 230013', axiosError(400, { code: 230013 }), 'permanent', undefined],
    ['missing scope 99991672', axiosError(400, { code: 99991672 }), 'permanent', undefined],
    ['connection reset', { code: 'ECONNRESET', message: 'socket hang up' }, 'transient', undefined],
    ['timeout', { code: 'ECONNABORTED', message: 'timeout of 15000ms exceeded' }, 'transient', undefined],
    ['a bug', new TypeError('x is undefined'), 'permanent', undefined],
  ])('%s', (_name, err, kind, retryAfterMs) => {
    const c = classifyError('op', err);
    expect(c.kind).toBe(kind);
    expect(c.details.retryAfterMs).toBe(retryAfterMs);
  });

  it('treats a 200 answer with a non-zero code as a failure', () => {
    expect(failureFromBody('op', { code: 0, data: {} })).toBeNull();
    expect(failureFromBody('op', { code: 230020, msg: 'limit' })?.kind).toBe('rate_limited');
    expect(failureFromBody('op', { code: 230099, msg: 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: element exceeds the limit' })?.kind).toBe('card_rejected');
  });
});
