// Files units send for execution: a package's attachments (sent while its form is open) and the sealed
// statement (情况说明) of a plan that was not run [seed 一]. The bot keeps a copy, so reviewers can get them
// at any time; the same file sent twice is kept once.
import { classLabel } from '../../domain/execution.ts';
import type { Person } from '../../domain/people.ts';
import { FeishuCallError } from '../../ports/feishu.ts';
import type { ExecutionDeps } from './deps.ts';
import { executablePlan, ownClass } from './classes.ts';
import { refreshPackageCards } from './package.ts';
import type { Reply } from '../../bot/reply.ts';
import { fileRoute, type FileContext } from '../../bot/manifest.ts';
import { attachmentText, imageName, statementImageName } from './replies/files.ts';
import { RECORDS } from './replies/records.ts';
import type { AttachmentResult, ExpectStatement, PlanFiles } from './types.ts';

const PASSED = { status: 'passed' } as const;

/** Feishu sends files up to 30 MB; a package's scanned documents fit in 20. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const STATEMENT_MINUTES = 120;

const SPREADSHEET = /\.(xlsx|xlsm)$/i;

/** 未开展: the next files this person sends are the plan's statement. */
export async function expectStatement(deps: ExecutionDeps, person: Person | null, planId: number): Promise<ExpectStatement> {
  const r = await executablePlan(deps, person, planId);
  if (!r.ok) return r;
  const classes = (await deps.classes.of([planId])).filter((c) => c.status === 'active');
  await deps.fileIntents.set(person!.openId, { kind: 'statement', targetId: planId, expiresAt: new Date(deps.clock.now().getTime() + STATEMENT_MINUTES * 60_000) });
  return { ok: true, plan: r.plan, classes: classes.length, hours: STATEMENT_MINUTES / 60 };
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
  const r = await storeAttachment(deps, ctx);
  if (r.status === 'passed') return false;
  await ctx.reply.text(attachmentText(r));
  return true;
}

/** The file as the attachment the person's intent says, or why not (passed on: not ours to answer). */
async function storeAttachment(deps: ExecutionDeps, ctx: FileContext<'declarant'>): Promise<AttachmentResult> {
  const { person, log } = ctx;
  const ev = ctx.message;
  const now = deps.clock.now();
  const intent = await deps.fileIntents.get(person.openId, now);
  if (!intent) return PASSED;
  let data: Buffer;
  try {
    data = await ctx.download(MAX_ATTACHMENT_BYTES);
  } catch (err) {
    if (err instanceof FeishuCallError && err.details.code === -413) return { status: 'too_big', fileName: ev.file.fileName };
    if (err instanceof FeishuCallError && err.kind === 'permanent') {
      log.warn({ err: err.message }, 'could not download an attachment');
      return { status: 'not_downloaded', fileName: ev.file.fileName, error: err.message };
    }
    throw err;
  }
  if (!data.length) return { status: 'empty', fileName: ev.file.fileName };
  const name = ev.file.fileName;
  const isDataSheet = async () =>
    (await ctx.once('history', () => deps.executionSheets.readHistory(data, name, ctx.wait))).ok ||
    (await ctx.once('declaration', () => deps.declarationSheets.readDeclaration(data, name, ctx.wait))).ok;
  if (SPREADSHEET.test(name) && (await isDataSheet())) return PASSED;

  if (intent.kind === 'package') {
    const own = await ownClass(deps, person, intent.targetId);
    if (!own.ok) {
      await deps.fileIntents.clear(person.openId);
      return PASSED;
    }
    const { l } = own;
    const label = classLabel(l.plan.number, l.cls.seq);
    if (l.steps.get(1)?.status === 'done') {
      await deps.fileIntents.clear(person.openId);
      return { status: 'package_final', label, fileName: ev.file.fileName };
    }
    const count = (await deps.attachments.list({ classId: l.cls.id, kind: 'package' })).length;
    const fileName = ev.file.type === 'image' ? imageName(label, count + 1) : ev.file.fileName;
    const r = await deps.attachments.add({
      planId: l.plan.id,
      classId: l.cls.id,
      kind: 'package',
      fileName,
      data,
      by: person.openId,
      at: now,
      event: { at: now, actor: person.openId, action: 'attachment', fromStatus: null, toStatus: null, comment: null, changes: null, details: { classId: l.cls.id, what: RECORDS.packageFile(l.cls.seq, fileName) }, channel: 'chat' },
    });
    if (!r.created) return { status: 'package_duplicate', label, fileName: r.attachment.fileName };
    log.info({ classId: l.cls.id, size: data.length }, 'package attachment stored');
    const submitted = l.steps.get(1)?.status === 'submitted';
    if (submitted) await refreshPackageCards(deps, l.cls.id, `attachment:${r.attachment.id}`);
    return { status: 'package_saved', label, title: l.plan.data.title ?? '', fileName, count: count + 1, submitted };
  }

  const r0 = await executablePlan(deps, person, intent.targetId);
  if (!r0.ok) {
    await deps.fileIntents.clear(person.openId);
    return PASSED;
  }
  const plan = r0.plan;
  const count = (await deps.attachments.list({ planIds: [plan.id], kind: 'statement' })).length;
  const fileName = ev.file.type === 'image' ? statementImageName(plan.number, count + 1) : ev.file.fileName;
  const r = await deps.attachments.add({
    planId: plan.id,
    classId: null,
    kind: 'statement',
    fileName,
    data,
    by: person.openId,
    at: now,
    event: { at: now, actor: person.openId, action: 'statement', fromStatus: null, toStatus: null, comment: null, changes: null, details: { what: RECORDS.statementFile(fileName) }, channel: 'chat' },
  });
  if (!r.created) return { status: 'statement_duplicate', number: plan.number, fileName: r.attachment.fileName };
  log.info({ planId: plan.id, size: data.length }, 'statement stored');
  return { status: 'statement_saved', number: plan.number, title: plan.data.title ?? '', fileName, count: count + 1 };
}

/** 附件 2027-001: every file of a plan (packages and statements) to a reviewer, or to the unit that sent them. */
export async function sendPlanFiles(deps: ExecutionDeps, person: Person | null, number: string, reply: Reply): Promise<PlanFiles> {
  const plan = await deps.plans.byNumber(number);
  const reviewer = person?.role === 'reviewer' || person?.role === 'admin';
  if (!plan || (!reviewer && plan.unitCode !== person?.unitCode)) return { status: 'not_found', number };
  const files = await deps.attachments.list({ planIds: [plan.id] });
  if (!files.length) return { status: 'none', number: plan.number };
  for (const f of files) {
    const data = await deps.attachments.data(f.id);
    if (data) await reply.file(f.fileName, data);
  }
  const statements = files.filter((f) => f.kind === 'statement').length;
  return { status: 'sent', number: plan.number, files: files.length, statements };
}
