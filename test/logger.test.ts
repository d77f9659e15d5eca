// Secrets never reach the log, however they are nested: in logged objects, in errors (an HTTP client's
// error carries its request's headers), in arrays; everything else is written as it was given.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../src/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('log redaction', () => {
  it('censors secrets at the top, nested, in arrays and whatever the case of the name', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        appSecret: 'SECRET-S1',
        config: { feishu: { encryptKey: 'SECRET-S2', verificationToken: 'SECRET-S3', appId: 'cli_1' } },
        headers: { Authorization: 'Bearer SECRET-S4', 'content-type': 'application/json' },
        calls: [{ tenant_access_token: 'SECRET-S5', op: 'message.create' }],
        eventId: 'ev_1',
      },
      'pushed',
    );
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'pushed',
      appSecret: '[redacted]',
      config: { feishu: { encryptKey: '[redacted]', verificationToken: '[redacted]', appId: 'cli_1' } },
      headers: { Authorization: '[redacted]', 'content-type': 'application/json' },
      calls: [{ tenant_access_token: '[redacted]', op: 'message.create' }],
      eventId: 'ev_1',
    });
    expect(JSON.stringify(lines)).not.toMatch(/SECRET-S/);
  });

  it("censors what an error carries and keeps its message and stack", () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('Request failed with status code 400'), { config: { headers: { Authorization: 'Bearer SECRET-T1' }, data: { app_secret: 'SECRET-T2' } }, status: 400 });
    logger.warn({ err }, 'call failed');
    logger.warn({ cause: err }, 'under another name');
    expect(JSON.stringify(lines)).not.toMatch(/SECRET-T/);
    expect(lines[0]!.err).toMatchObject({ type: 'Error', message: 'Request failed with status code 400', status: 400, config: { headers: { Authorization: '[redacted]' }, data: { app_secret: '[redacted]' } } });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain('logger.test.ts');
    expect(lines[1]!.cause).toMatchObject({ message: 'Request failed with status code 400', config: { headers: { Authorization: '[redacted]' } } });
  });

  it('leaves objects without secrets untouched (nothing copied) and an error without them as the error', () => {
    const o = { eventId: 'ev', nested: { kind: 'message', list: [1, { a: 'b' }] } };
    expect(redactSecrets(o)).toBe(o);
    const err = new Error('boom');
    expect(redactSecrets(err)).toBe(err);
    const { logger, lines } = capture();
    logger.error({ err }, 'failed');
    expect(lines[0]!.err).toMatchObject({ type: 'Error', message: 'boom' });
  });
});
