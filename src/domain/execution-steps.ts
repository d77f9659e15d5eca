// The six steps of an approved class's execution [seed 一, 二(一)4-5; DOMAIN.md "Execution: six steps per
// approved class"]: their names, what each records, and how a class and the audit trail's entries are called.
// Three are due before the class starts and three after it ends (class-timeline.ts says when).
import { MODES, SCOPES } from './plan-data.ts';
import { fieldDef, rangeOf } from './plan-fields.ts';
import { monthSpans } from './months.ts';
import { ruleById } from './rules.ts';

export const STEP_NOS = [1, 2, 3, 4, 5, 6] as const;
export type StepNo = (typeof STEP_NOS)[number];

/** The six steps [DOMAIN.md]: 1–3 before the class starts, 4–6 after it ends. */
export const STEPS: Record<StepNo, { name: string; short: string; window: 'before' | 'after' }> = {
  1: { name: '培训包审核', short: '培训包', window: 'before' },
  2: { name: '发布培训项目', short: '发布', window: 'before' },
  3: { name: '培训报名审核', short: '报名', window: 'before' },
  4: { name: '学员签到', short: '签到', window: 'after' },
  5: { name: '教培管理', short: '教培', window: 'after' },
  6: { name: '结算金额', short: '结算', window: 'after' },
};

export const CIRCLED = ['', '①', '②', '③', '④', '⑤', '⑥'] as const;

/** The execution entries of a plan's audit trail, in people's words (查看详情). */
export const EXEC_ACTIONS: Record<string, string> = {
  class_add: '登记开班',
  class_edit: '修改开班日期',
  class_cancel: '取消一期',
  step_report: '填报执行情况',
  package_submit: '报送培训包',
  package_approve: '培训包审核通过',
  package_return: '培训包退回修改',
  attachment: '上传附件',
  statement: '上传情况说明',
  backfill: '补录执行数据',
};

/** How a class of a plan is called: 2027-001 第1期. */
export const classLabel = (planNumber: string, seq: number) => `${planNumber} 第${seq}期`;

// What each step records. Every field is read from what a person typed (card form, chat, spreadsheet cell)
// with the same tolerant readers as the declaration form, and a bad value says what is expected.

export type StepField = {
  key: string;
  label: string;
  kind: 'text' | 'multiline' | 'select' | 'date' | 'whole' | 'decimal' | 'yuan';
  required: boolean;
  example: string;
  choices?: readonly string[];
  max?: number;
};

export const STEP_FIELDS: Record<StepNo, StepField[]> = {
  // The package: the plan's facts as they will be, read with the plan's words and limits [seed 一 problem 2].
  1: [
    { key: 'mode', label: fieldDef('mode').label, kind: 'select', required: true, example: '线下', choices: MODES },
    { key: 'scope', label: fieldDef('scope').label, kind: 'select', required: true, example: '市内', choices: SCOPES },
    { key: 'institution', label: fieldDef('institution').label, kind: 'text', required: false, example: '中共柳州市委党校（柳州市行政学院）', max: rangeOf('institution').max },
    // Not needed online; a 市内 venue names its district (checked with the class's facts, execution-checks.ts).
    { key: 'location', label: fieldDef('location').label, kind: 'text', required: false, example: '柳州市城中区', max: rangeOf('location').max },
    { key: 'headcount', label: '参训人数', kind: 'whole', required: true, example: '45', max: rangeOf('headcount').max },
    { key: 'content', label: '培训内容和课程安排', kind: 'multiline', required: true, example: '政策解读、业务实操、案例研讨，共 3 天 18 学时', max: 1000 },
    // Required for a 市外 class on any day of the restricted months [二(二)三]; the reviewer reads it.
    {
      key: 'justification',
      label: `情况说明（市外培训在 ${monthSpans(ruleById('out_of_city_month').limits.months, '、')}时必填）`,
      kind: 'multiline',
      required: false,
      example: '承担全国性会议保障任务，只能在5月外出学习',
      max: 500,
    },
  ],
  2: [
    { key: 'publishedOn', label: '发布日期', kind: 'date', required: true, example: '2027-03-01' },
    { key: 'channel', label: '发布渠道', kind: 'text', required: false, example: '柳州市干部网络学院', max: 100 },
  ],
  3: [
    { key: 'registered', label: '报名人数', kind: 'whole', required: true, example: '52', max: 10000 },
    { key: 'accepted', label: '审核通过人数', kind: 'whole', required: true, example: '45', max: 10000 },
  ],
  4: [{ key: 'attended', label: '签到人数', kind: 'whole', required: true, example: '44', max: 10000 }],
  5: [
    { key: 'teachers', label: '授课教师', kind: 'text', required: true, example: '王芳（市委党校）、刘强（市人社局）', max: 500 },
    { key: 'courses', label: '课程', kind: 'multiline', required: true, example: '政策解读；业务实操；案例研讨', max: 1000 },
    { key: 'hours', label: '学时', kind: 'decimal', required: true, example: '18', max: 720 },
  ],
  6: [{ key: 'amount', label: '结算金额（元）', kind: 'yuan', required: true, example: '35800.50' }],
};

export type StepData = Record<string, string | number | null>;
