// A file that has to wait for a free reader: its sender is told how many files are ahead.
import type { Logger } from '../logger.ts';
import { T } from './texts.ts';
import type { Reply } from './reply.ts';
import type { ReadOptions } from '../ports/sheets.ts';

export function waitNotice(reply: Reply, log: Logger): ReadOptions {
  return {
    onQueued: (ahead) => {
      reply.text(T.fileQueued(ahead)).catch((err: unknown) => log.warn({ err }, 'could not say the file is queued'));
    },
  };
}
