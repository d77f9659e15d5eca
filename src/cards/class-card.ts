// The execution feature's class card: a class with its six steps (and the form of one step, or of its dates),
// and the form to record a new class.
import { formatShortDateTime, type Ymd } from '../domain/dates.ts';
import { classDepartures } from '../domain/execution-checks.ts';
import { findingLine } from '../domain/findings.ts';
import { STEP_LEAD_WORKING_DAYS, tentativeNote } from '../domain/working-days.ts';
import { CIRCLED, classLabel, dueText, formatRange, STEP_FIELDS, stepSummary, STEPS, type Deviation, type StepData, type StepField, type StepNo, type StepState } from '../domain/execution.ts';
import { displayValue, type PlanDraft } from '../domain/plan.ts';
import { button } from './actions.ts';
import { buttonRow } from './parts.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

const plain = (content: string) => ({ tag: 'plain_text', content });
const red = (t: string) => `<font color='red'>${t}</font>`;

export type StepView = {
  status: 'done' | 'submitted' | 'returned';
  data: StepData;
  reportedAt: Date;
  reviewedAt: Date | null;
  comment: string | null;
  flags: Deviation[];
  version: number;
};

export type ClassView = {
  classId: number;
  /** The class row's version: 确认取消 carries it, so an old or replayed click cancels nothing. */
  classVersion: number;
  planId: number;
  planNumber: string;
  seq: number;
  title: string;
  unitName: string;
  start: Ymd;
  end: Ymd;
  status: 'active' | 'cancelled';
  plan: PlanDraft;
  timeline: StepState[];
  /** Years the due dates rest on with no holiday schedule: the card says so once. */
  tentativeYears: number[];
  records: Partial<Record<StepNo, StepView>>;
  attachments: { fileName: string; size: number }[];
};

export type StepForm = { step: StepNo; values: Record<string, string>; errors: Record<string, string> };

/** The plan as approved, in one line. */
export function approvedLine(plan: PlanDraft): string {
  return [
    `批准：${plan.scope ?? ''} · ${plan.mode ?? ''}`,
    plan.institution ? `承办：${escapeMarkdown(plan.institution)}` : null,
    plan.headcount ? `每期 ${plan.headcount} 人` : null,
    plan.sessions ? `${plan.sessions} 期` : null,
    plan.days ? `每期 ${plan.days} 天` : null,
    plan.budget !== undefined ? `经费 ${displayValue('budget', plan.budget)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One step of a class, as a line: an icon, its name, and what was reported or when it is due. */
export function stepLine(s: StepState, r: StepView | undefined): string {
  const name = `${CIRCLED[s.step]} ${STEPS[s.step].name}`;
  const verb = STEPS[s.step].window === 'before' ? '完成' : '填报';
  const due = dueText(s);
  if (s.done && r) {
    // The package is judged on when the unit sent it, not on when it was reviewed.
    const when = s.step === 1 && r.reviewedAt ? `${formatShortDateTime(r.reportedAt)} 报送，${formatShortDateTime(r.reviewedAt)} 审核通过` : `${formatShortDateTime(r.reportedAt)} 填报`;
    const late = s.late ? `，<font color='orange'>逾期（应于 ${due} 前）</font>` : '';
    return `${s.late ? '🟡' : '✅'} ${name}　${escapeMarkdown(stepSummary(s.step, r.data))}（${when}${late}）`;
  }
  if (s.pending === 'submitted') return `⏳ ${name}　审核中（${formatShortDateTime(r!.reportedAt)} 报送${s.overdue ? '' : `，应于 ${due} 前报送`}）${s.overdue ? red(`，报送已逾期（应于 ${due} 前）`) : ''}`;
  if (s.pending === 'returned') return `↩️ ${name}　${red(`已退回修改：${escapeMarkdown(r?.comment ?? '')}${s.overdue ? `（应于 ${due} 前报送，已逾期）` : ''}`)}`;
  if (s.overdue) return `🔴 ${name}　${red(`逾期未${verb}（应于 ${due} 前）`)}`;
  if (s.dueSoon) return `🟠 ${name}　应于 **${due}** 前${verb}`;
  return `⚪ ${name}　应于 ${due} 前${verb}`;
}

function formElements(form: StepForm, submitValue: Record<string, unknown>, submitLabel: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const f of STEP_FIELDS[form.step]) {
    out.push(fieldElement(f, form.values[f.key]));
    const e = form.errors[f.key];
    if (e) out.push({ tag: 'markdown', content: red(escapeMarkdown(e)), text_size: 'notation' });
  }
  out.push({ tag: 'button', name: 'step_submit', text: plain(submitLabel), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value: submitValue }] });
  return out;
}

function fieldElement(f: StepField, value: string | undefined): Record<string, unknown> {
  const label = `${f.label}${f.required ? '' : '（选填）'}`;
  if (f.kind === 'select') {
    return {
      tag: 'select_static',
      name: f.key,
      required: f.required,
      placeholder: plain(`${label}：请选择`),
      options: f.choices!.map((c) => ({ text: plain(c), value: c })),
      ...(value && f.choices!.includes(value) ? { initial_option: value } : {}),
    };
  }
  if (f.kind === 'date') {
    return { tag: 'date_picker', name: f.key, required: f.required, placeholder: plain(`${label}：请选择`), ...(value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { initial_date: value } : {}) };
  }
  return {
    tag: 'input',
    name: f.key,
    label: plain(label),
    label_position: 'top',
    placeholder: plain(`例：${f.example}`),
    max_length: f.kind === 'text' || f.kind === 'multiline' ? Math.min(f.max ?? 200, 1000) : 30, // Feishu's input takes at most 1000
    ...(f.kind === 'multiline' ? { input_type: 'multiline_text', rows: 3 } : {}),
    ...(value ? { default_value: value } : {}),
  };
}

/** A class card: the six steps with due dates; the form of one step when `form` is given. */
export function classCard(v: ClassView, opts: { form?: StepForm | undefined; datesForm?: { values: { start?: string; end?: string }; errors: { start?: string; end?: string } } | undefined; notice?: string | undefined; confirmCancel?: boolean } = {}): CardJson {
  const overdue = v.timeline.some((s) => s.overdue);
  const soon = v.timeline.some((s) => s.dueSoon);
  const complete = v.timeline.every((s) => s.done);
  const pkg = v.records[1];
  const cancelled = v.status === 'cancelled';
  const idle = !opts.form && !opts.datesForm && !opts.confirmCancel && !cancelled;
  const actions: Record<string, unknown>[] = [];
  if (idle) {
    for (const s of v.timeline) {
      if (s.blockedBy && !(s.step === 1 && s.pending === 'submitted')) continue;
      if (s.step === 1 && s.done) continue;
      const label =
        s.step === 1
          ? s.pending === 'submitted'
            ? '修改培训包'
            : s.pending === 'returned'
              ? '重新报送①培训包'
              : '报送①培训包'
          : s.done
            ? `修改${CIRCLED[s.step]}`
            : `填报${CIRCLED[s.step]}${STEPS[s.step].short}`;
      actions.push(button(label, { a: 'step_open', cls: v.classId, step: s.step }, s.done ? 'text' : s.overdue || s.dueSoon ? 'primary_filled' : 'primary'));
    }
    if (!pkg || pkg.status !== 'done') actions.push(button('发送附件', { a: 'class', cls: v.classId, op: 'files' }));
    actions.push(button('修改日期', { a: 'class', cls: v.classId, op: 'dates' }, 'text'));
    if (!v.timeline.some((s) => s.done || s.pending)) actions.push(button('取消这一期', { a: 'class', cls: v.classId, op: 'cancel' }, 'danger_text'));
  }
  if (opts.confirmCancel) actions.push(button('确认取消这一期', { a: 'class', cls: v.classId, op: 'cancel_yes', v: v.classVersion }, 'danger_filled'), button('返回', { a: 'class', cls: v.classId, op: 'back' }));
  if (opts.form || opts.datesForm) actions.push(button('返回', { a: 'class', cls: v.classId, op: 'back' }));

  let form: Record<string, unknown>[] | '' = '';
  let formIntro = '';
  if (opts.form) {
    const step = opts.form.step;
    const r = v.records[step];
    form = formElements(opts.form, { a: 'step_save', cls: v.classId, step, v: r?.version ?? 0 }, step === 1 ? (r?.status === 'submitted' ? '保存修改' : '提交审核') : '保存');
    formIntro =
      step === 1
        ? `**${CIRCLED[1]} 报送培训包**　已按批准的计划预填，请按实际情况修改。与计划不一致的内容会提示审核人员。\n附件（培训方案、课程表、预算明细等）请直接把文件发给我，会附在这个培训包上。`
        : `**${CIRCLED[step]} ${STEPS[step].name}**${Object.keys(opts.form.errors).length ? `　${red('标红的项目需要修改，其余已填写的内容都保留着。')}` : ''}`;
  }
  if (opts.datesForm) {
    const f = opts.datesForm;
    form = [
      { tag: 'date_picker', name: 'start', required: true, placeholder: plain('开班日期'), ...(f.values.start ? { initial_date: f.values.start } : {}) },
      ...(f.errors.start ? [{ tag: 'markdown', content: red(escapeMarkdown(f.errors.start)), text_size: 'notation' }] : []),
      { tag: 'date_picker', name: 'end', required: true, placeholder: plain('结班日期'), ...(f.values.end ? { initial_date: f.values.end } : {}) },
      ...(f.errors.end ? [{ tag: 'markdown', content: red(escapeMarkdown(f.errors.end)), text_size: 'notation' }] : []),
      { tag: 'button', name: 'dates_submit', text: plain('保存日期'), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value: { a: 'class_save', plan: v.planId, cls: v.classId } }] },
    ];
    formIntro = '**修改开班日期**　各环节的期限按新的日期重新计算。';
  }
  const departures = classDepartures(v.records);
  const flags = departures.length ? [`<font color='orange'>**与批准的计划或通知的要求不一致：**</font>`, ...departures.map((f) => `- ${escapeMarkdown(findingLine(f))}`)].join('\n') : '';
  const tentative = v.tentativeYears.length ? `\n<font color='grey'>※ 标「暂定」的期限：${escapeMarkdown(tentativeNote(v.tentativeYears))}，导入后自动重新计算。</font>` : '';
  return renderCard('class', {
    title: `${classLabel(v.planNumber, v.seq)}《${v.title}》`,
    subtitle: `${formatRange(v.start, v.end)} · ${v.unitName}${cancelled ? ' · 已取消' : ''}`,
    color: cancelled ? 'grey' : overdue ? 'red' : complete ? 'green' : soon ? 'orange' : 'blue',
    notice: opts.notice ?? (opts.confirmCancel ? red('取消后这一期不再提醒，也不计入完成情况。确认取消吗？') : ''),
    plan: approvedLine(v.plan),
    timeline: v.timeline.map((s) => stepLine(s, v.records[s.step])).join('\n') + tentative,
    flags,
    attachments: v.attachments.length ? `📎 附件：${v.attachments.map((a) => escapeMarkdown(a.fileName)).join('、')}` : '',
    formIntro,
    form,
    actions: actions.length ? buttonRow(actions) : [],
    footer: idle ? `①②③须在开班前 ${STEP_LEAD_WORKING_DAYS} 个工作日完成，培训包审核通过后方可开班〔通知 一、二(一)4〕；培训包报送后即可填报②③。④⑤⑥须在结班后 ${STEP_LEAD_WORKING_DAYS} 个工作日内填报〔通知 一、二(一)5〕。` : '',
  });
}

/** The form to record a new class of a plan. */
export function newClassCard(p: {
  planId: number;
  planNumber: string;
  title: string;
  plan: PlanDraft;
  seq: number;
  existing: string[];
  values: { start?: string; end?: string };
  errors: { start?: string; end?: string };
}): CardJson {
  return renderCard('class', {
    title: `登记开班 · ${classLabel(p.planNumber, p.seq)}`,
    subtitle: p.title,
    color: Object.keys(p.errors).length ? 'red' : 'blue',
    notice: '',
    plan: approvedLine(p.plan),
    timeline: p.existing.length ? `已登记：\n${p.existing.join('\n')}` : '还没有登记任何一期。',
    flags: '',
    attachments: '',
    formIntro: `**第${p.seq}期的开班和结班日期**　保存后按日期算出六个环节的期限，到期前会提醒您。`,
    form: [
      { tag: 'date_picker', name: 'start', required: true, placeholder: plain('开班日期'), ...(p.values.start ? { initial_date: p.values.start } : {}) },
      ...(p.errors.start ? [{ tag: 'markdown', content: red(escapeMarkdown(p.errors.start)), text_size: 'notation' }] : []),
      { tag: 'date_picker', name: 'end', required: true, placeholder: plain('结班日期'), ...(p.values.end ? { initial_date: p.values.end } : {}) },
      ...(p.errors.end ? [{ tag: 'markdown', content: red(escapeMarkdown(p.errors.end)), text_size: 'notation' }] : []),
      { tag: 'button', name: 'class_submit', text: plain('保存'), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value: { a: 'class_save', plan: p.planId } }] },
    ],
    actions: [],
    footer: '',
  });
}
