// The reviewer's card of a training package (step ①), set against the approved plan: departures in red,
// the notice's words under each, the return form, and the decision once made.
import { formatDateTime, type Ymd } from '../domain/dates.ts';
import { tentativeNote } from '../domain/working-days.ts';
import { dueText, formatRange, type Deviation, type StepData } from '../domain/execution.ts';
import type { PlanDraft } from '../domain/plan.ts';
import { button } from './actions.ts';
import { buttonRow } from './parts.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

const plain = (content: string) => ({ tag: 'plain_text', content });
const red = (t: string) => `<font color='red'>${t}</font>`;

export type PackageView = {
  classId: number;
  label: string;
  title: string;
  unitName: string;
  start: Ymd;
  end: Ymd;
  due: Ymd;
  /** The due day rests on a year with no holiday schedule. */
  dueTentative: boolean;
  tentativeYears: number[];
  plan: PlanDraft;
  pkg: StepData;
  flags: Deviation[];
  attachments: { fileName: string; size: number }[];
  status: 'submitted' | 'done' | 'returned';
  version: number;
  submittedAt: Date;
  history: string[];
};

const PKG_ROWS: { key: string; label: string; plan: (p: PlanDraft) => unknown }[] = [
  { key: 'mode', label: '培训方式', plan: (p) => p.mode },
  { key: 'scope', label: '培训类别', plan: (p) => p.scope },
  { key: 'institution', label: '承办机构', plan: (p) => p.institution },
  { key: 'location', label: '培训地点', plan: (p) => p.location },
  { key: 'headcount', label: '参训人数', plan: (p) => p.headcount },
];

/** A reviewer's card of a training package: each item against the approved plan, departures in red. */
export function packageReviewCard(v: PackageView, extra: { outcome?: { title: string; text: string; color: 'green' | 'red' | 'grey' } | undefined; returnForm?: { errors: string[] } | undefined } = {}): CardJson {
  const flagged = new Set<string>(v.flags.map((f) => (f.field === 'base' ? 'institution' : f.field)));
  const s = (x: unknown) => (x === null || x === undefined || x === '' ? '（无）' : String(x));
  const comparison = [
    `**${escapeMarkdown(v.label)}《${escapeMarkdown(v.title)}》**　${formatRange(v.start, v.end)}`,
    ...PKG_ROWS.map((r) => {
      const actual = s(v.pkg[r.key]);
      const planned = s(r.plan(v.plan));
      const line = `**${r.label}**　${escapeMarkdown(actual)}${actual !== planned ? `（计划：${escapeMarkdown(planned)}）` : ''}`;
      return flagged.has(r.key) ? red(line) : line;
    }),
    ...(v.dueTentative ? [`<font color='grey'>※ 报送期限暂定：${escapeMarkdown(tentativeNote(v.tentativeYears))}。</font>`] : []),
  ].join('\n');
  const deviations = v.flags.length
    ? [red('**与批准的计划或通知的要求不一致：**'), ...v.flags.map((f) => `${red(`- ${escapeMarkdown(f.message)}`)}${f.severity === 'soft' ? '（原则性要求）' : ''}\n　依据：${escapeMarkdown(f.notice)}`)].join('\n')
    : "<font color='green'>✅ 与批准的计划和通知的要求一致</font>";
  const justification = typeof v.pkg.justification === 'string' && v.pkg.justification ? `**情况说明**　${escapeMarkdown(v.pkg.justification)}` : '';
  const decided = !!extra.outcome;
  const val = { cls: v.classId, v: v.version };
  const actions = decided
    ? [button('获取附件', { a: 'pkg_review', ...val, op: 'files' }, 'text')]
    : extra.returnForm
      ? [button('返回', { a: 'pkg_review', ...val, op: 'back' })]
      : [
          button('通过', { a: 'pkg_review', ...val, op: 'approve' }, 'primary_filled', v.flags.length ? { confirm: { title: plain('培训包与计划不一致，仍然通过？'), text: plain('不一致的情况会记入完成情况报告。') } } : {}),
          button('退回修改', { a: 'pkg_review', ...val, op: 'return' }, 'danger'),
          ...(v.attachments.length ? [button('获取附件', { a: 'pkg_review', ...val, op: 'files' })] : []),
        ];
  // The return form (cards/partials/return-form.json): a package is returned with a comment only.
  const returnForm = extra.returnForm
    ? { name: 'pkg_return_form', errors: extra.returnForm.errors.join('；'), example: '例：承办机构须为干部教育培训基地名单内的机构', fields: [], submit: { a: 'pkg_return', ...val } }
    : '';
  return renderCard('package-review', {
    title: decided ? `${extra.outcome!.title} · 培训包 ${v.label}` : `培训包审核 · ${v.label}`,
    subtitle: `${v.unitName} · ${formatDateTime(v.submittedAt)} 报送 · 报送期限 ${dueText({ due: v.due, tentative: v.dueTentative })}`,
    color: decided ? extra.outcome!.color : v.flags.length ? 'orange' : 'blue',
    comparison,
    deviations,
    justification,
    content: s(v.pkg.content),
    attachments: v.attachments.length ? `📎 附件 ${v.attachments.length} 个：${v.attachments.map((a) => `${escapeMarkdown(a.fileName)}（${Math.max(1, Math.round(a.size / 1024))} KB）`).join('、')}` : '📎 没有附件',
    history: v.history.join('\n'),
    outcome: decided ? `**${escapeMarkdown(extra.outcome!.text)}**` : '',
    returnForm,
    actions: buttonRow(actions),
  });
}
