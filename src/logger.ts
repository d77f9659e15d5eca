// Structured JSON logs. Secrets and message bodies never reach info level: bodies are logged only by
// debug-level call sites, and the redaction list is a second line of defence.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'training-plan-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'appSecret',
          'encryptKey',
          'verificationToken',
          'token',
          'tenant_access_token',
          '*.appSecret',
          '*.app_secret',
          '*.encryptKey',
          '*.verificationToken',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
