// Classifies every failed Feishu call once, so the outbox retries only what can succeed later.
// Codes: ../shared/feishu.md §5.2 (rate limits, token errors) and the IM error tables.
import { FeishuCallError, type FeishuFailureKind } from '../services/ports.ts';

const RATE_LIMIT_CODES = new Set([99991400, 230020]);
const TOKEN_CODES = new Set([99991661, 99991663, 99991665]);
/** 11310: a 2.0 card is mid-interaction ("card action is lock"); try again a moment later. */
const TRANSIENT_CODES = new Set([11310]);
const NETWORK_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_NETWORK']);

type AxiosLike = {
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
};

function bodyCode(data: unknown): { code?: number; msg?: string } {
  if (data && typeof data === 'object') {
    const d = data as { code?: unknown; msg?: unknown };
    return { code: typeof d.code === 'number' ? d.code : undefined, msg: typeof d.msg === 'string' ? d.msg : undefined };
  }
  return {};
}

/** `x-ogw-ratelimit-reset` is the number of seconds until the gateway window resets. */
function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers?.['x-ogw-ratelimit-reset'] ?? headers?.['retry-after'];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : undefined;
}

export function kindOf(status: number | undefined, code: number | undefined): FeishuFailureKind {
  if (code !== undefined && TOKEN_CODES.has(code)) return 'token_expired';
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return 'rate_limited';
  if (code !== undefined && TRANSIENT_CODES.has(code)) return 'transient';
  if (status !== undefined && status >= 500) return 'transient';
  return 'permanent';
}

/** A 2xx answer whose body carries a non-zero code is a failure too. */
export function failureFromBody(op: string, data: unknown, status = 200): FeishuCallError | null {
  const { code, msg } = bodyCode(data);
  if (code === undefined || code === 0) return null;
  return new FeishuCallError(`${op} failed: ${code} ${msg ?? ''}`.trim(), kindOf(status, code), { status, code });
}

export function classifyError(op: string, err: unknown): FeishuCallError {
  if (err instanceof FeishuCallError) return err;
  const e = (err ?? {}) as AxiosLike;
  const res = e.response;
  if (res) {
    const { code, msg } = bodyCode(res.data);
    return new FeishuCallError(
      `${op} failed: HTTP ${res.status ?? '?'}${code !== undefined ? ` code ${code}` : ''}${msg ? ` ${msg}` : ''}`,
      kindOf(res.status, code),
      { status: res.status, code, retryAfterMs: retryAfterMs(res.headers) },
      { cause: err },
    );
  }
  const network = e.code !== undefined && NETWORK_ERRORS.has(e.code);
  const tokenFetch = typeof e.message === 'string' && /tenant_access_token/.test(e.message);
  return new FeishuCallError(
    `${op} failed: ${e.code ?? ''} ${e.message ?? String(err)}`.trim(),
    network || tokenFetch ? 'transient' : 'permanent',
    {},
    { cause: err },
  );
}
