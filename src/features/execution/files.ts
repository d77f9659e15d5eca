// Files units send for execution: a package's attachments (sent while its form is open) and the sealed
// statement (情况说明) of a plan that was not run [seed 一]. The bot keeps a copy, so reviewers can get them
// at any time; the same file sent twice is kept once.
import { escapeMarkdown } from '../../cards/render.ts';
import { classLabel } from '../../domain/execution.ts';
import type { Person } from '../../domain/people.ts';
import type { Logger } from '../../logger.ts';
import type { IncomingMessage } from '../../inbound.ts';
import { FeishuCallError } from '../../ports/feishu.ts';
import type { ExecutionDeps } from './deps.ts';
import { executablePlan, ownClass } from './classes.ts';
import { refreshPackageCards } from './package.ts';
import type { Reply } from '../../bot/reply.ts';
import { fileRoute, type FileContext } from '../../bot/manifest.ts';

/** Feishu sends files up to 30 MB; a package's scanned documents fit in 20. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const STATEMENT_MINUTES = 120;

const SPREADSHEET = /\.(xlsx|xlsm)$/i;

/** 未开展: the next files this person sends are the plan's statement. */
export async function expectStatement(deps: ExecutionDeps, person: Person | null, planId: number, reply: Reply): Promise<string | null> {
  const r = await executablePlan(deps, person, planId);
  if (!r.ok) return r.message;
  const classes = (await deps.classes.of([planId])).filter((c) => c.status === 'active');
  await deps.fileIntents.set(person!.openId, { kind: 'statement', targetId: planId, expiresAt: new Date(deps.clock.now().getTime() + STATEMENT_MINUTES * 60_000) });
  await reply.text(
    [
      `请把盖章的情况说明（PDF、Word 或拍照）直接发给我，会附在计划 ${r.plan.number}《${r.plan.data.title ?? ''}》上。多页的可以连续发送多个文件或照片。`,
      classes.length ? `（这个计划已登记 ${classes.length} 期；情况说明用于说明未开展的期次。）` : '（通知要求：审批通过但未执行的计划，须上传盖章的情况说明。）',
      `${STATEMENT_MINUTES / 60} 小时内发送有效。`,
    ].join('\n'),
  );
  return null;
}

/**
 * A file or photo from a linked person with an open intent: stored as the attachment it is meant to be.
 * Passed on when there is no intent, or the file is a declaration / 补录 spreadsheet (read by those routes).
 */
export const attachmentUpload = (deps: ExecutionDeps) =>
  fileRoute({
    order: 20,
    audience: 'declarant',
    take: (ctx) => takeAttachment(deps, ctx),
  });

async function takeAttachment(deps: ExecutionDeps, ctx: FileContext<'declarant'>): Promise<boolean> {
  const { person, reply, log } = ctx;
  const ev = ctx.message;
  const now = deps.clock.now();
  const intent = await deps.fileIntents.get(person.openId, now);
  if (!intent) return false;
  let data: Buffer;
  try {
    data = await ctx.download(MAX_ATTACHMENT_BYTES);
  } catch (err) {
    if (err instanceof FeishuCallError && err.details.code === -413) {
      await reply.text(`「${ev.file.fileName}」超过 20 MB，没有保存。请压缩（或拆分）后再发送。`);
      return true;
    }
    if (err instanceof FeishuCallError && err.kind === 'permanent') {
      log.warn({ err: err.message }, 'could not download an attachment');
      await reply.text(`没能下载「${ev.file.fileName}」（${err.message}）。请重新发送；如果一直不行，请联系系统管理员。`);
      return true;
    }
    throw err;
  }
  if (!data.length) {
    await reply.text(`「${ev.file.fileName}」是空文件，没有保存。`);
    return true;
  }
  const name = ev.file.fileName;
  const isDataSheet = async () =>
    (await ctx.once('history', () => deps.executionSheets.readHistory(data, name, ctx.wait))).ok ||
    (await ctx.once('declaration', () => deps.declarationSheets.readDeclaration(data, name, ctx.wait))).ok;
  if (SPREADSHEET.test(name) && (await isDataSheet())) return false;

  if (intent.kind === 'package') {
    const own = await ownClass(deps, person, intent.targetId);
    if (!own.ok) {
      await deps.fileIntents.clear(person.openId);
      return false;
    }
    const { l } = own;
    const label = classLabel(l.plan.number, l.cls.seq);
    if (l.steps.get(1)?.status === 'done') {
      await deps.fileIntents.clear(person.openId);
      await reply.text(`${label} 的培训包已审核通过，附件不再更改。「${ev.file.fileName}」没有保存。`);
      return true;
    }
    const count = (await deps.attachments.list({ classId: l.cls.id, kind: 'package' })).length;
    const fileName = ev.file.type === 'image' ? `${label} 图片${count + 1}.jpg` : ev.file.fileName;
    const r = await deps.attachments.add({
      planId: l.plan.id,
      classId: l.cls.id,
      kind: 'package',
      fileName,
      data,
      by: person.openId,
      at: now,
      event: { at: now, actor: person.openId, action: 'attachment', fromStatus: null, toStatus: null, comment: null, changes: null, details: { classId: l.cls.id, what: `第${l.cls.seq}期 培训包附件「${fileName}」` }, channel: 'chat' },
    });
    if (!r.created) {
      await reply.text(`「${r.attachment.fileName}」已经附在 ${label} 的培训包上了，没有重复保存。`);
      return true;
    }
    log.info({ classId: l.cls.id, size: data.length }, 'package attachment stored');
    const submitted = l.steps.get(1)?.status === 'submitted';
    if (submitted) await refreshPackageCards(deps, l.cls.id, `attachment:${r.attachment.id}`);
    await reply.text(
      `已收到「${escapeMarkdown(fileName)}」，附在 ${label}《${l.plan.data.title ?? ''}》的培训包上（共 ${count + 1} 个附件）。${submitted ? '审核人员的卡片已同步更新。' : '填好培训包后点「提交审核」。'}`,
    );
    return true;
  }

  const r0 = await executablePlan(deps, person, intent.targetId);
  if (!r0.ok) {
    await deps.fileIntents.clear(person.openId);
    return false;
  }
  const plan = r0.plan;
  const count = (await deps.attachments.list({ planIds: [plan.id], kind: 'statement' })).length;
  const fileName = ev.file.type === 'image' ? `${plan.number} 情况说明 图片${count + 1}.jpg` : ev.file.fileName;
  const r = await deps.attachments.add({
    planId: plan.id,
    classId: null,
    kind: 'statement',
    fileName,
    data,
    by: person.openId,
    at: now,
    event: { at: now, actor: person.openId, action: 'statement', fromStatus: null, toStatus: null, comment: null, changes: null, details: { what: `「${fileName}」` }, channel: 'chat' },
  });
  if (!r.created) {
    await reply.text(`「${r.attachment.fileName}」已经作为 ${plan.number} 的情况说明保存过了，没有重复保存。`);
    return true;
  }
  log.info({ planId: plan.id, size: data.length }, 'statement stored');
  await reply.text(`已收到「${fileName}」，作为计划 ${plan.number}《${plan.data.title ?? ''}》的情况说明保存（共 ${count + 1} 个文件）。发送「完成情况」可查看。`);
  return true;
}

/** 附件 2027-001: every file of a plan (packages and statements) to a reviewer, or to the unit that sent them. */
export async function sendPlanFiles(deps: ExecutionDeps, person: Person | null, number: string, reply: Reply): Promise<string> {
  const plan = await deps.plans.byNumber(number);
  const reviewer = person?.role === 'reviewer' || person?.role === 'admin';
  if (!plan || (!reviewer && plan.unitCode !== person?.unitCode)) return `找不到计划 ${number}`;
  const files = await deps.attachments.list({ planIds: [plan.id] });
  if (!files.length) return `计划 ${plan.number} 没有附件或情况说明。`;
  for (const f of files) {
    const data = await deps.attachments.data(f.id);
    if (data) await reply.file(f.fileName, data);
  }
  const statements = files.filter((f) => f.kind === 'statement').length;
  return `已发送计划 ${plan.number} 的 ${files.length} 个文件（培训包附件 ${files.length - statements} 个，情况说明 ${statements} 个）。`;
}
