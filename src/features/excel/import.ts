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
import type { Reply } from '../../bot/commands.ts';
import { declarantOf, type Declarant } from '../../model/declarant.ts';
import type { CardResponse } from '../../inbound.ts';
import { outOfCityByYear } from '../../model/plans.ts';
import type { ReviewDeps } from '../review/deps.ts';
import { FeishuCallError, type FeishuApi } from '../../ports/feishu.ts';
import type { HistoryKey } from '../../domain/execution-history.ts';
import type { CompletionSheet } from '../execution/report.ts';
import { waitNotice } from '../../bot/upload-wait.ts';

export type ExcelImport = {
  id: number;
  openId: string;
  unitCode: string;
  year: number;
  contentHash: string;
  fileName: string;
  plans: { row: number; data: PlanDraft }[];
  status: 'pending' | 'imported' | 'cancelled';
  version: number;
  planNumbers: string[];
  createdAt: Date;
  importedAt: Date | null;
};

export interface ExcelImportRepo {
  find(unitCode: string, year: number, contentHash: string): Promise<ExcelImport | null>;
  get(id: number): Promise<ExcelImport | null>;
  savePending(p: { openId: string; unitCode: string; year: number; contentHash: string; fileName: string; plans: ExcelImport['plans']; at: Date }): Promise<ExcelImport>;
  cancel(id: number, version: number): Promise<boolean>;
  /** Creates every plan of a pending upload and marks it imported, atomically; null when it was not pending at `version`. */
  commit(p: { id: number; version: number; submit: boolean; actor: string; at: Date }): Promise<{ planIds: number[]; numbers: string[] } | null>;
  /** A checked 补录 upload waiting for 确认导入 (the same content again returns the same row). */
  saveHistory(p: { openId: string; unitCode: string; year: number; contentHash: string; fileName: string; rows: unknown; at: Date }): Promise<{ id: number; status: 'pending' | 'imported'; importedAt: Date | null }>;
  getHistory(id: number): Promise<{ id: number; openId: string; unitCode: string; fileName: string; status: 'pending' | 'imported' | 'cancelled'; version: number; rows: unknown; importedAt: Date | null } | null>;
  /** Marks a pending 补录 upload imported; false when it was not pending at `version` (someone clicked first). */
  finishHistory(id: number, version: number, at: Date, summary: string[]): Promise<boolean>;
}

export type SheetRead =
  | {
      ok: true;
      sheetName: string;
      rows: { row: number; values: Partial<Record<string, string>> }[];
      /** 1-based column of each header found. */
      columns: Partial<Record<string, number>>;
    }
  | { ok: false; error: string };

/** A file may wait for a free reader: the person is told how many files are ahead of theirs. */
export type ReadOptions = { onQueued?: (ahead: number) => void };

/** The spreadsheet adapter (excel/), as the services see it. */
export interface SpreadsheetPort {
  readDeclaration(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  annotate(original: Buffer, sheetName: string, problems: { row: number; column: number | null; message: string }[], opts?: ReadOptions): Promise<Buffer>;
  template(p: { year: number; unit?: { code: string; name: string }; bases: readonly TrainingBase[] }): Promise<Buffer>;
  headerOf(key: string): string;
  isExampleRow(values: Partial<Record<string, string>>): boolean;
  /** Why a file name cannot be a declaration upload (.xls, .et, .csv, .docx …), or null. */
  rejectFormat(fileName: string): string | null;
  /** The summary sheet, and with `records` a 处理记录 sheet (one row per change or decision) for audits. */
  exportPlans(title: string, plans: ExportRow[], records?: ExportRecordRow[]): Promise<Buffer>;
  /** The 补录 sheet (past classes and their six steps). */
  readHistory(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  /** The unit registry and the training-base list, as an admin may send them (.xlsx or .csv). */
  readUnits(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  readBases(data: Buffer, fileName: string, opts?: ReadOptions): Promise<SheetRead>;
  historyTemplate(p: { unitName?: string | undefined; rows: Partial<Record<HistoryKey, string | number>>[]; fromYear: number }): Promise<Buffer>;
  historyHeaderOf(key: string): string;
  exportCompletion(c: CompletionSheet): Promise<Buffer>;
}

/** One class in the declaration summary for municipal approval. */
export type ExportRow = {
  number: string;
  unitCode: string;
  unitName: string;
  budgetCode: string;
  className: string;
  status: string;
  title: string;
  scope: string;
  mode: string;
  audience: string;
  headcount: number;
  sessions: number;
  days: number;
  month: number;
  location: string;
  institution: string;
  budget: number;
  jointUnits: string;
  contactName: string;
  contactPhone: string;
  justification: string;
};

/** One line of a plan's processing record, as written to the export's 处理记录 sheet. */
export type ExportRecordRow = {
  number: string;
  /** Beijing time as people read it: 2027年8月3日 10:02 */
  at: string;
  actor: string;
  action: string;
  field: string;
  from: string;
  to: string;
  comment: string;
  channel: string;
};

export type ExcelDeps = ReviewDeps & {
  imports: ExcelImportRepo;
  sheets: SpreadsheetPort;
  feishu: FeishuApi;
  /** An uploaded 补录 sheet goes to the execution feature instead. */
  historyUpload?: ((person: Person & { unitCode: string }, file: { messageId: string; fileName: string }, data: Buffer, reply: Reply, log: Logger) => Promise<void>) | undefined;
};

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const SHOWN = 20;

/** A row's problem: a value that cannot be read, or a rule's verdict with the notice's words and the fix. */
type Problem = { row: number; field: PlanFieldKey | 'joint' | null; message: string; notice?: string | undefined; suggestion?: string | undefined };

/** How a problem reads on the card and in the annotated copy: a verdict always with its fix and the notice. */
const problemText = (p: Problem) => (p.notice ? findingLine({ message: p.message, notice: p.notice, suggestion: p.suggestion }) : p.message);

/** Reads and checks every row; counts the file's own out-of-city classes into the quota as it goes. */
export async function checkRows(deps: ExcelDeps, d: Declarant, rows: { row: number; values: Partial<Record<string, string>> }[]) {
  const units = await deps.reference.units();
  const bases = await deps.reference.bases();
  const counts = await outOfCityByYear(deps, d.competent.code, d.year);
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
    const findings = check(plan, { planYear: d.year, competent: d.competent, units, bases, outOfCityByYear: counts });
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

export async function handleUpload(
  deps: ExcelDeps,
  person: Person & { unitCode: string },
  file: { messageId: string; fileKey: string; fileName: string },
  reply: Reply,
  log: Logger,
): Promise<void> {
  const d = await declarantOf(deps, person, deps.clock.now());
  if (!d) return reply.text(`您关联的单位 ${person.unitCode} 已不在单位名册中，请联系系统管理员。`);
  const wrong = deps.sheets.rejectFormat(file.fileName);
  if (wrong) {
    // Not a spreadsheet at all: perhaps a package attachment or a statement sent without saying what it is for.
    const hint = /\.(xlsx|xlsm|xls|et|csv)$/i.test(file.fileName) ? '' : '\n如果这是培训包的附件：请先发送「执行」，在那一期的卡片上点「发送附件」，再发文件。如果这是未开展计划的情况说明：请先发送「上传情况说明 计划编号」，再发文件。';
    return reply.text(`没有导入「${file.fileName}」：${wrong} 需要模板请发送「模板」。${hint}`);
  }
  let data: Buffer;
  try {
    data = await deps.feishu.downloadResource({ messageId: file.messageId, fileKey: file.fileKey, type: 'file', maxBytes: MAX_UPLOAD_BYTES });
  } catch (err) {
    if (err instanceof FeishuCallError && err.details.code === -413) return reply.text(`「${file.fileName}」超过 5 MB 上限，没有导入。请删除多余的工作表、图片和空行后再发送。`);
    if (err instanceof FeishuCallError && err.kind === 'permanent') {
      log.warn({ err: err.message }, 'could not download an upload');
      return reply.text(`没能下载「${file.fileName}」（${err.message}）。请重新发送文件；如果一直不行，请联系系统管理员。`);
    }
    throw err; // transient: the inbox retries the whole event
  }
  const wait = waitNotice(reply, log); // read in a worker; the sender hears when the file has to wait
  if (deps.historyUpload && (await deps.sheets.readHistory(data, file.fileName, wait)).ok) return deps.historyUpload(person, file, data, reply, log);
  const read = await deps.sheets.readDeclaration(data, file.fileName, wait);
  if (!read.ok) return reply.text(`没有导入「${file.fileName}」：${read.error} 需要模板请发送「模板」。`);
  const rows = read.rows;
  if (!rows.length) return reply.text(`「${file.fileName}」里没有填写培训班（示例行和只有单位的行不算）。请在表格中一行填写一个培训班后再发送。`);
  if (!d.phase.canDeclare && !d.phase.canRevise) return reply.text(d.refusal ?? `${d.year}年度申报已截止，系统已关闭，不再受理。`);

  const { problems, plans } = await checkRows(deps, d, rows);
  log.info({ rows: rows.length, problems: problems.length }, 'declaration upload checked');
  if (problems.length) {
    const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
    const lines = problems.slice(0, SHOWN).map((p) => `- 第 ${p.row} 行「${p.field ? deps.sheets.headerOf(p.field) : '整行'}」：${escapeMarkdown(problemText(p))}`);
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
    const annotated = await deps.sheets.annotate(data, read.sheetName, problems.map((p) => ({ row: p.row, column: p.field ? (read.columns[p.field] ?? null) : null, message: problemText(p) })));
    await deps.messenger.sendFile({ openId: person.openId }, `${file.fileName.replace(/\.xlsx?m?$/i, '')}（问题标注）.xlsx`, new Uint8Array(annotated), `upload:${file.messageId}:annotated`);
    return;
  }

  const hash = contentHash(plans);
  const before = await deps.imports.find(d.competent.code, d.year, hash);
  if (before?.status === 'imported') {
    return reply.text(`这个文件的内容已于 ${formatDateTime(before.importedAt!)} 导入过（计划编号 ${before.planNumbers.join('、')}），没有重复导入。`);
  }
  const pending = await deps.imports.savePending({ openId: person.openId, unitCode: d.competent.code, year: d.year, contentHash: hash, fileName: file.fileName, plans: plans.map((p) => ({ row: p.row, data: p.data })), at: deps.clock.now() });
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

export async function confirmImport(deps: ExcelDeps, person: Person | null, id: number, submit: boolean, log: Logger): Promise<CardResponse> {
  if (!person?.unitCode) return { toast: { type: 'error', content: '您还没有关联单位' } };
  const imp = await deps.imports.get(id);
  if (!imp || imp.unitCode !== person.unitCode) return { toast: { type: 'error', content: '找不到这次上传' } };
  if (imp.status === 'imported') return { toast: { type: 'info', content: `已导入：${imp.planNumbers.join('、')}` } };
  if (imp.status === 'cancelled') return { toast: { type: 'info', content: '这次上传已取消，请重新发送文件' } };
  const d = await declarantOf(deps, { ...person, unitCode: person.unitCode }, deps.clock.now());
  if (!d || d.year !== imp.year) return { toast: { type: 'error', content: '申报年度已变化，请重新发送文件' } };
  if (submit && !d.phase.canDeclare) return { toast: { type: 'error', content: `${d.refusal ?? '现在不能提交'}只能导入为草稿。` } };
  if (submit) {
    // Other plans may have been submitted since the check: the quota is looked at again.
    const again = await checkRows(deps, d, imp.plans.map((p) => ({ row: p.row, values: stringsOf(p.data) })));
    if (again.problems.length) return { toast: { type: 'error', content: `情况有变化：${again.problems[0]!.message}。请重新发送文件` } };
  }
  const done = await deps.imports.commit({ id, version: imp.version, submit, actor: person.openId, at: deps.clock.now() });
  if (!done) return { toast: { type: 'info', content: '这个文件已经处理过了' } };
  log.info({ importId: id, plans: done.numbers.length, submit }, 'declaration upload imported');
  if (submit) for (const planId of done.planIds) await deps.onSubmitted((await deps.plans.get(planId))!, d.competent.name, log);
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
