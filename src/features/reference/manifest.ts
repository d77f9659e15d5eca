// An admin's reference data sent in chat: the unit registry or the training-base list (file route order 10,
// before the other features' sheets: an admin who also declares gets their declaration passed on).
import { fileRoute, type Feature } from '../../bot/manifest.ts';
import type { ReferenceDeps } from './deps.ts';
import { takeReference } from './reference-upload.ts';
import { referenceAnswer } from './replies.ts';

const referenceUpload = (deps: ReferenceDeps) =>
  fileRoute({
    order: 10,
    audience: 'admin',
    take: async (ctx) => {
      const r = await takeReference(deps, ctx);
      if (r.status === 'passed') return false;
      await ctx.reply.text(referenceAnswer(r, ctx.message.file.fileName));
      return true;
    },
  });

export function referenceFeature(deps: ReferenceDeps): Feature {
  return { name: 'reference', files: [referenceUpload(deps)] };
}
