// /healthz: the database, and over the long connection the connection's state; 503 once it has been down
// longer than FEISHU_WS_DOWN_GRACE (a reconnect within the grace is normal and stays 200).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { linkDown, type LinkStatus } from '../src/feishu/long-connection.ts';
import { createLogger } from '../src/logger.ts';
import { createServer, type ServerDeps } from '../src/server.ts';

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function healthz(deps: Omit<ServerDeps, 'logger'>) {
  server = http.createServer(createServer({ logger: createLogger('silent'), ...deps }));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
  return { status: res.status, body: await res.json() };
}

const GRACE = 300_000;
const status = (state: LinkStatus['state'], forMs: number): LinkStatus => ({ state, forMs, reconnects: 0 });

describe('/healthz', () => {
  it.each([
    ['connected for a day', status('connected', 86_400_000), false],
    ['connecting at start, within the grace', status('connecting', 10_000), false],
    ['reconnecting, within the grace', status('reconnecting', GRACE), false],
    ['reconnecting past the grace', status('reconnecting', GRACE + 1), true],
    ['given up (the client stopped trying)', status('failed', GRACE + 1), true],
    ['never connected past the grace', status('connecting', GRACE + 1), true],
  ])('%s → down: %s', (_name, s, down) => {
    expect(linkDown(s, GRACE)).toBe(down);
  });

  it('webhook: only the database', async () => {
    expect(await healthz({ healthy: async () => true })).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await healthz({ healthy: async () => Promise.reject(new Error('locked')) })).toEqual({ status: 503, body: { status: 'unavailable', database: 'unavailable' } });
  });

  it('long connection: its state, and 503 once down past the grace', async () => {
    expect(await healthz({ healthy: async () => true, feishu: () => ({ state: 'connected', down: false }) })).toEqual({ status: 200, body: { status: 'ok', feishu: 'connected' } });
    expect(await healthz({ healthy: async () => true, feishu: () => ({ state: 'reconnecting', down: false }) })).toEqual({ status: 200, body: { status: 'ok', feishu: 'reconnecting' } });
    expect(await healthz({ healthy: async () => true, feishu: () => ({ state: 'reconnecting', down: true }) })).toEqual({ status: 503, body: { status: 'unavailable', feishu: 'reconnecting' } });
  });

  it('no webhook routes: pushes get 404', async () => {
    const r = await healthz({ healthy: async () => true });
    expect(r.status).toBe(200);
    const res = await fetch(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/feishu/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(404);
  });
});
