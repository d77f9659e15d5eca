// Classifies every failed Feishu call once, so the outbox retries only what can succeed later.
// Codes: ../shared/feishu.md §5.2 (rate limits, token errors) and the IM error tables.
import { FeishuCallError, type FeishuFailureKind } from '../ports/feishu.ts';

const RATE_LIMIT_CODES = new Set([99991400, 230020]);
const TOKEN_CODES = new Set([99991661, 99991663, 99991665]);
/**
 * The card itself was refused [feishu.md §4.1, §4.5, §5.1]: 230099 card content error (its message carries
 * the sub-code, e.g. "ErrCode: 11310; ErrMsg: element exceeds the limit"), 230025 content over the size
 * limit; 200621 "parse card json err" and 200861 "cards of schema V2 no longer support this capability"
 * (field reports, ../shared/tools/card-lint/README.md).
 */
const CARD_CODES = new Set([230099, 230025, 200621, 200861]);
/** 11310 on its own is a 2.0 card mid-interaction ("card action is lock"): try again a moment later. */
const CARD_BUSY = /card action is lock/i;
/** …but 11310 also names the card limits ("element exceeds the limit", "card table number over limit"). */
const CARD_LIMIT = /exceed|over ?limit|too (large|long|big)/i;
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

export function kindOf(status: number | undefined, code: number | undefined, msg = ''): FeishuFailureKind {
  if (code !== undefined && TOKEN_CODES.has(code)) return 'token_expired';
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return 'rate_limited';
  if (code !== undefined && (CARD_CODES.has(code) || code === 11310)) {
    if (CARD_BUSY.test(msg)) return 'transient';
    return code !== 11310 || CARD_LIMIT.test(msg) ? 'card_rejected' : 'transient';
  }
  if (status !== undefined && status >= 500) return 'transient';
  return 'permanent';
}

/** A 2xx answer whose body carries a non-zero code is a failure too. */
export function failureFromBody(op: string, data: unknown, status = 200): FeishuCallError | null {
  const { code, msg } = bodyCode(data);
  if (code === undefined || code === 0) return null;
  return new FeishuCallError(`${op} failed: ${code} ${msg ?? ''}`.trim(), kindOf(status, code, msg), { status, code });
}

export function classifyError(op: string, err: unknown): FeishuCallError {
  if (err instanceof FeishuCallError) return err;
  const e = (err ?? {}) as AxiosLike;
  const res = e.response;
  if (res) {
    const { code, msg } = bodyCode(res.data);
    return new FeishuCallError(
      `${op} failed: HTTP ${res.status ?? '?'}${code !== undefined ? ` code ${code}` : ''}${msg ? ` ${msg}` : ''}`,
      kindOf(res.status, code, msg),
      { status: res.status, code, retryAfterMs: retryAfterMs(res.headers) },
      { cause: err },
    );
  }
  const network = e.code !== undefined && NETWORK_ERRORS.has(e.code);
  return new FeishuCallError(
    `${op} failed: ${e.code ?? ''} ${e.message ?? String(err)}`.trim(),
    network ? 'transient' : 'permanent',
    {},
    { cause: err },
  );
}
