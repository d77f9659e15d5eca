// Structured JSON logs. Secrets and message bodies never reach info level: bodies are logged only by
// debug-level call sites, and redaction is a second line of defence: a value under a secret's name
// (appSecret, a token, an Authorization header…) is written as [redacted], at any depth up to MAX_DEPTH,
// in logged objects and in logged errors (an HTTP client's error carries its request's headers).
//
// Redaction walks the logged object itself and copies only what it changes: pino's own `redact` with
// paths under any key (`*.appSecret`) ran its path machinery on every value of every line, a fifth of
// everything the bot allocated while acknowledging a flood of pushes (issue 15).
import { pino, type Logger } from 'pino';

export type { Logger };

/** Names of values never written, compared in lower case. */
const SECRET_NAMES = new Set(['appsecret', 'app_secret', 'encryptkey', 'encrypt_key', 'verificationtoken', 'verification_token', 'token', 'tenant_access_token', 'access_token', 'authorization']);
const CENSOR = '[redacted]';
const MAX_DEPTH = 5;

const isSecretName = (key: string) => SECRET_NAMES.has(key.toLowerCase());

/**
 * `value` with every secret under it censored; the same object when there is none (nothing copied). An error
 * directly under `errorKey` is left to the error serializer, which redacts what it writes of it.
 */
export function redactSecrets(value: unknown, depth = 0, errorKey?: string): unknown {
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH || Buffer.isBuffer(value)) return value;
  if (value instanceof Error) {
    // Kept as the error it is (pino writes its message and stack) unless a secret hangs off it.
    const own = Object.fromEntries(Object.keys(value).map((k) => [k, (value as unknown as Record<string, unknown>)[k]]));
    return redactSecrets(own, depth) === own ? value : redactSecrets(pino.stdSerializers.err(value), depth);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = redactSecrets(value[i], depth + 1);
      if (v !== value[i]) (copy ??= [...value])[i] = v;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (key === errorKey && v instanceof Error) continue;
    const out = isSecretName(key) && v !== undefined && v !== null ? CENSOR : redactSecrets(v, depth + 1);
    if (out !== v) (copy ??= { ...record })[key] = out;
  }
  return copy ?? value;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'training-plan-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (o) => redactSecrets(o, 0, 'err') as Record<string, unknown> },
      serializers: { err: (e: unknown) => redactSecrets(pino.stdSerializers.err(e as Error)) },
    },
    destination,
  );
}
