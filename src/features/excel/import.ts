// Declaring by upload [seed 二(一)1: 填写申报表再上报]: a linked declarant sends the filled .xlsx; every row
// is read with the same field parsers and rules as the chat; problems come back by row and column (and as an
// annotated copy of their file). Nothing is stored unless the whole file is valid (soft findings need the
// 情况说明 column); 确认导入 then creates all the plans in one transaction, once per file content.
import crypto from 'node:crypto';
import { button } from '../../cards/actions.ts';
import { noticeCard } from '../../cards/notice-card.ts';
import { escapeMarkdown } from '../../cards/render.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { displayValue, parsePlan, PLAN_FIELDS, type PlanDraft, type PlanFieldKey } from '../../domain/plan.ts';
import { outOfCityClasses } from '../../domain/plan.ts';
import { findingLine } from '../../domain/findings.ts';
import { check, verdict, type Finding } from '../../domain/rules.ts';
import type { Person } from '../../domain/people.ts';
import type { TrainingBase } from '../../domain/training-bases.ts';
import type { Logger } from '../../logger.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import type { CardResponse } from '../../inbound.ts';
import { ruleContextFor } from '../../model/findings.ts';
import type { FileContext, LinkedPerson } from '../../bot/manifest.ts';
import type { Ports } from '../../ports/index.ts';
import type { Hub } from '../../bot/hub.ts';
import { FeishuCallError, type FeishuApi } from '../../ports/feishu.ts';
import type { HistoryKey } from '../../domain/execution-history.ts';
import { waitNotice } from '../../bot/upload-wait.ts';
import type { Reply } from '../../bot/reply.ts';
import type { CompletionSheet } from '../../ports/sheets.ts';

export type ExcelDeps = Pick<
  Ports,
  'plans' | 'registry' | 'bases' | 'campaigns' | 'people' | 'uploads' | 'historyUploads' | 'declarationSheets' | 'files' | 'messenger' | 'clock' | 'logger'
> & {
  /** Tells the reviewers of plans submitted by upload. */
  hub: Hub;
};

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const SHOWN = 20;

/** A row's problem: a value that cannot be read, or a rule's verdict with the notice's words and the fix. */
type Problem = { row: number; field: PlanFieldKey | 'joint' | null; message: string; notice?: string | undefined; suggestion?: string | undefined };

/** How a problem reads on the card and in the annotated copy: a verdict always with its fix and the notice. */
const problemText = (p: Problem) => (p.notice ? findingLine({ message: p.message, notice: p.notice, suggestion: p.suggestion }) : p.message);

/** Reads and checks every row; counts the file's own out-of-city classes into the quota as it goes. */
export async function checkRows(deps: ExcelDeps, d: Declarant, rows: { row: number; values: Partial<Record<string, string>> }[]) {
  const ctx = await ruleContextFor(deps, { unitCode: d.competent.code, year: d.year });
  if (!ctx) throw new Error(`unit ${d.competent.code} is not in the registry`);
  const { units } = ctx;
  const counts = new Map(ctx.outOfCityByYear);
  const problems: Problem[] = [];
  const plans: { row: number; data: PlanDraft; findings: Finding[] }[] = [];
  for (const { row, values } of rows) {
    const parsed = parsePlan(values as Partial<Record<PlanFieldKey, unknown>>);
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push({ row, field: e.field, message: e.message });
      continue;
    }
    const plan = parsed.plan;
    if (values.joint?.trim() === '是' && !plan.jointUnits.length) problems.push({ row, field: 'jointUnits', message: '「是否联合办班」为「是」，请填写联合办班单位' });
    const unit = units.find((u) => u.code === plan.budgetCode);
    if (!plan.unitName && unit) plan.unitName = unit.name;
    const findings = check(plan, { ...ctx, outOfCityByYear: counts });
    const v = verdict(findings, plan.justification);
    for (const f of findings.filter((x) => x.severity === 'hard')) problems.push({ row, field: f.field, message: f.message, notice: f.notice, suggestion: f.suggestion });
    if (!v.canSubmit && v.reason === 'justification') {
      for (const f of v.soft) {
        problems.push({ row, field: 'justification', message: `${f.message}：这是原则性要求，须在「情况说明」列写明理由`, notice: f.notice, suggestion: f.suggestion });
      }
    }
    const n = outOfCityClasses(plan);
    if (n) counts.set(d.year, (counts.get(d.year) ?? 0) + n);
    plans.push({ row, data: plan, findings });
  }
  return { problems, plans };
}

const contentHash = (plans: { data: PlanDraft }[]) => crypto.createHash('sha256').update(JSON.stringify(plans.map((p) => p.data))).digest('hex');

export async function handleUpload(deps: ExcelDeps, ctx: FileContext<'declarant'>): Promise<void> {
  const { person, reply, log } = ctx;
  const file = { messageId: ctx.message.messageId, fileName: ctx.message.file.fileName };
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return reply.text(`您关联的单位 ${person.unitCode} 已不在单位名册中，请联系系统管理员。`);
  const wrong = deps.declarationSheets.rejectFormat(file.fileName);
  if (wrong) {
    // Not a spreadsheet at all: perhaps a package attachment or a statement sent without saying what it is for.
    const hint = /\.(xlsx|xlsm|xls|et|csv)$/i.test(file.fileName) ? '' : '\n如果这是培训包的附件：请先发送「执行」，在那一期的卡片上点「发送附件」，再发文件。如果这是未开展计划的情况说明：请先发送「上传情况说明 计划编号」，再发文件。';
    return reply.text(`没有导入「${file.fileName}」：${wrong} 需要模板请发送「模板」。${hint}`);
  }
  let data: Buffer;
  try {
    data = await ctx.download(MAX_UPLOAD_BYTES);
  } catch (err) {
    if (err instanceof FeishuCallError && err.details.code === -413) return reply.text(`「${file.fileName}」超过 5 MB 上限，没有导入。请删除多余的工作表、图片和空行后再发送。`);
    if (err instanceof FeishuCallError && err.kind === 'permanent') {
      log.warn({ err: err.message }, 'could not download an upload');
      return reply.text(`没能下载「${file.fileName}」（${err.message}）。请重新发送文件；如果一直不行，请联系系统管理员。`);
    }
    throw err; // transient: the inbox retries the whole event
  }
  // Read in a worker; the sender hears when the file has to wait.
  const read = await ctx.once('declaration', () => deps.declarationSheets.readDeclaration(data, file.fileName, ctx.wait));
  if (!read.ok) return reply.text(`没有导入「${file.fileName}」：${read.error} 需要模板请发送「模板」。`);
  const rows = read.rows;
  if (!rows.length) return reply.text(`「${file.fileName}」里没有填写培训班（示例行和只有单位的行不算）。请在表格中一行填写一个培训班后再发送。`);
  if (!d.phase.canDeclare && !d.phase.canRevise) return reply.text(d.refusal ?? `${d.year}年度申报已截止，系统已关闭，不再受理。`);

  const { problems, plans } = await checkRows(deps, d, rows);
  log.info({ rows: rows.length, problems: problems.length }, 'declaration upload checked');
  if (problems.length) {
    const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
    const lines = problems.slice(0, SHOWN).map((p) => `- 第 ${p.row} 行「${p.field ? deps.declarationSheets.headerOf(p.field) : '整行'}」：${escapeMarkdown(problemText(p))}`);
    await reply.card(
      noticeCard({
        title: `「${file.fileName}」有 ${problems.length} 处问题，没有导入`,
        color: 'red',
        body: [
          `读取 ${rows.length} 行，其中 ${rows.length - rowsWithProblems} 行无误、${rowsWithProblems} 行有问题。为避免只导入一部分，这次没有保存任何内容。`,
          '',
          ...lines,
          ...(problems.length > SHOWN ? [`……另有 ${problems.length - SHOWN} 处，见下一条消息中标注好的文件。`] : []),
        ].join('\n'),
        footer: '标红的单元格已在文件中加了批注。改好后重新发送整个文件即可。',
      }),
    );
    const annotated = await deps.declarationSheets.annotate(data, read.sheetName, problems.map((p) => ({ row: p.row, column: p.field ? (read.columns[p.field] ?? null) : null, message: problemText(p) })));
    await reply.file(`${file.fileName.replace(/\.xlsx?m?$/i, '')}（问题标注）.xlsx`, annotated);
    return;
  }

  const hash = contentHash(plans);
  const before = await deps.uploads.find(d.competent.code, d.year, hash);
  if (before?.status === 'imported') {
    return reply.text(`这个文件的内容已于 ${formatDateTime(before.importedAt!)} 导入过（计划编号 ${before.planNumbers.join('、')}），没有重复导入。`);
  }
  const pending = await deps.uploads.savePending({ openId: person.openId, unitCode: d.competent.code, year: d.year, contentHash: hash, fileName: file.fileName, plans: plans.map((p) => ({ row: p.row, data: p.data })), at: deps.clock.now() });
  const justified = plans.filter((p) => p.findings.some((f) => f.severity === 'soft')).length;
  await reply.card(
    noticeCard({
      title: `「${file.fileName}」检查通过`,
      color: 'green',
      body: [
        `读取 ${rows.length} 行，全部符合要求${justified ? `（其中 ${justified} 行附情况说明）` : ''}。确认后导入为${d.phase.canDeclare ? '草稿或直接提交' : '草稿'}：`,
        '',
        ...plans.slice(0, SHOWN).map((p) => `- 第 ${p.row} 行《${escapeMarkdown(p.data.title ?? '')}》${p.data.scope} ${displayValue('headcount', p.data.headcount)}×${displayValue('sessions', p.data.sessions)} ${displayValue('month', p.data.month)} ${displayValue('budget', p.data.budget)}`),
        ...(plans.length > SHOWN ? [`……另有 ${plans.length - SHOWN} 行，与您发送的文件一致。`] : []),
      ].join('\n'),
      buttons: [
        ...(d.phase.canDeclare ? [button(`确认导入并提交（${plans.length} 个）`, { a: 'excel_import', id: pending.id, submit: true }, 'primary_filled')] : []),
        button('确认导入为草稿', { a: 'excel_import', id: pending.id, submit: false }, d.phase.canDeclare ? 'default' : 'primary_filled'),
        button('不导入', { a: 'excel_cancel', id: pending.id }, 'danger_text'),
      ],
      footer: '导入后可在「我的申报」中查看和修改。',
    }),
  );
}

export async function confirmImport(deps: ExcelDeps, person: LinkedPerson, id: number, submit: boolean, log: Logger): Promise<CardResponse> {
  const imp = await deps.uploads.get(id);
  if (!imp || imp.unitCode !== person.unitCode) return { toast: { type: 'error', content: '找不到这次上传' } };
  if (imp.status === 'imported') return { toast: { type: 'info', content: `已导入：${imp.planNumbers.join('、')}` } };
  if (imp.status === 'cancelled') return { toast: { type: 'info', content: '这次上传已取消，请重新发送文件' } };
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d || d.year !== imp.year) return { toast: { type: 'error', content: '申报年度已变化，请重新发送文件' } };
  if (submit && !d.phase.canDeclare) return { toast: { type: 'error', content: `${d.refusal ?? '现在不能提交'}只能导入为草稿。` } };
  if (submit) {
    // Other plans may have been submitted since the check: the quota is looked at again.
    const again = await checkRows(deps, d, imp.plans.map((p) => ({ row: p.row, values: stringsOf(p.data) })));
    if (again.problems.length) return { toast: { type: 'error', content: `情况有变化：${again.problems[0]!.message}。请重新发送文件` } };
  }
  const done = await deps.uploads.commit({ id, version: imp.version, submit, actor: person.openId, at: deps.clock.now() });
  if (!done) return { toast: { type: 'info', content: '这个文件已经处理过了' } };
  log.info({ importId: id, plans: done.numbers.length, submit }, 'declaration upload imported');
  if (submit) for (const planId of done.planIds) await deps.hub.emit('plan.submitted', { plan: (await deps.plans.get(planId))!, unitName: d.competent.name, log });
  return {
    toast: { type: 'success', content: `已导入 ${done.numbers.length} 个计划` },
    card: noticeCard({
      title: submit ? `已导入并提交 ${done.numbers.length} 个计划` : `已导入 ${done.numbers.length} 个草稿`,
      color: 'green',
      body: [`计划编号：${done.numbers.join('、')}`, '', submit ? '市工作领导小组办公室将在当天完成初审，结果会通知您。' : '草稿可在「我的申报」中继续修改并提交。'].join('\n'),
    }),
  };
}

/** A stored plan as the texts of a sheet row, to run it through the same checks again. */
function stringsOf(data: PlanDraft): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const f of PLAN_FIELDS) {
    const v = data[f.key];
    if (v !== undefined && v !== null) out[f.key] = Array.isArray(v) ? v.join('、') : String(v);
  }
  return out;
}
