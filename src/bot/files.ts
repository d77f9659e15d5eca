// A file someone sent in the 1:1 chat goes to the features' file routes in order (lowest first); the first
// that takes it answers. Routes share one download and whatever they read of the file (once), so passing a
// file on costs nothing: an admin's unit registry, a package attachment, a 补录 sheet, a declaration sheet.
import { may, type Person } from '../domain/people.ts';
import type { IncomingMessage } from '../inbound.ts';
import type { Logger } from '../logger.ts';
import type { FeishuFiles } from '../ports/feishu.ts';
import { FeishuCallError } from '../ports/feishu.ts';
import type { FileContext, FileRoute } from './manifest.ts';
import type { Reply } from './reply.ts';
import { waitNotice } from './upload-wait.ts';

type Sent = IncomingMessage & { file: NonNullable<IncomingMessage['file']> };

function fileContext(files: FeishuFiles, person: Person | null, message: Sent, reply: Reply, log: Logger): FileContext {
  let downloaded: { maxBytes: number; result: Promise<Buffer> } | null = null;
  const computed = new Map<string, Promise<unknown>>();
  return {
    person,
    message,
    reply,
    log,
    wait: waitNotice(reply, log),
    async download(maxBytes) {
      // A smaller limit than the download made: the same bytes, refused as Feishu refuses an oversized one.
      if (!downloaded || (maxBytes > downloaded.maxBytes && (await downloaded.result.catch(() => null)) === null)) {
        const { messageId } = message;
        const { fileKey, type } = message.file;
        downloaded = { maxBytes, result: files.downloadResource({ messageId, fileKey, type, maxBytes }) };
      }
      const data = await downloaded.result;
      if (data.length > maxBytes) throw new FeishuCallError(`file larger than ${maxBytes} bytes`, 'permanent', { code: -413 });
      return data;
    },
    once<T>(key: string, compute: () => Promise<T>) {
      let v = computed.get(key);
      if (!v) computed.set(key, (v = compute()));
      return v as Promise<T>;
    },
  };
}

/** Offers a file to the routes in order; false when none took it. */
export function createFileRouter(files: FeishuFiles, routes: readonly FileRoute[]) {
  const ordered = [...routes].sort((a, b) => a.order - b.order);
  return async (person: Person | null, message: Sent, reply: Reply, log: Logger): Promise<boolean> => {
    const ctx = fileContext(files, person, message, reply, log);
    for (const r of ordered) if (may(person, r.audience) && (await r.take(ctx as FileContext<never>))) return true;
    return false;
  };
}
