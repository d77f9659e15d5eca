// The execution checks as named data [STYLE.md 4]: severity, the notice's words and section, the usual fix,
// and their limits. Where a check is a plan rule applied to a class (the 60-person cap, the restricted months),
// its words and limits are the plan rule's (rules.ts), so the two cannot drift apart.
import { ruleById } from './rules.ts';
import type { Severity } from './findings.ts';

const PROBLEM_2 = '部分单位…存在实际培训内容与市委、市政府审批的培训计划内容不一致（如更改培训方式、市外培训选择的承办机构不在柳州市干部培训基地名单之列等）〔一〕';
const BEFORE = '开展培训前五个工作日上报培训包审核、发布培训项目、培训报名审核等信息数据，经市工作领导小组审核后方可开班〔一、二(一)4〕';
const AFTER = '培训结束后五个工作日内完成学员签到、教培管理、结算金额等信息录入；未完成项目信息的单位，将调减该单位下一年度培训预算〔一、二(一)5〕';
const SIX_STEPS = '补录内容为培训包审核、发布培训项目、培训报名审核、学员签到、教培管理、结算金额等六个步骤信息〔一〕';
const CHANGE = '按批准的计划组织；确需变更的，请先与市工作领导小组办公室沟通并在培训内容中说明';
const CHECK_ATTENDANCE = '请核对签到人数；确有超出的，请向市工作领导小组办公室说明';

/** At most this many 学时 a day of a class: more is a typing mistake. */
const HOURS_PER_DAY = 12;
const month = ruleById('out_of_city_month');
const cap = ruleById('out_of_city_max_60');

type ExecRule = { severity: Severity; notice: string; suggestion?: string; limits?: Record<string, number> };

/** Every execution check: severity, the notice's words, the usual fix and the limits it reads. */
export const EXEC_RULES = {
  package_mode: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_scope: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_institution: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_location: { severity: 'hard', notice: PROBLEM_2, suggestion: CHANGE },
  package_headcount: { severity: 'hard', notice: PROBLEM_2, suggestion: '参训人数不超过批准的每期人数；人数有变的，请先与市工作领导小组办公室沟通' },
  out_of_city_month: { severity: month.severity, notice: month.notice, suggestion: '可改在其他月份开班；确需此时外出的，请在「情况说明」中写明理由（审核人员会看到）' },
  attendance_over_cap: { severity: cap.severity, notice: cap.notice, suggestion: CHECK_ATTENDANCE },
  attendance_over_plan: { severity: 'soft', notice: PROBLEM_2, suggestion: CHECK_ATTENDANCE },
  attendance_over_accepted: { severity: 'soft', notice: SIX_STEPS, suggestion: '请核对签到人数和③报名审核通过的人数' },
  accepted_over_plan: { severity: 'soft', notice: PROBLEM_2, suggestion: '审核通过的人数不超过批准的每期人数' },
  accepted_over_registered: { severity: 'hard', notice: SIX_STEPS, suggestion: '请核对报名人数和审核通过人数' },
  published_after_start: { severity: 'hard', notice: BEFORE, suggestion: '请核对发布日期；开班日期有变的，请先在卡片上「修改日期」' },
  hours_over_days: { severity: 'hard', notice: AFTER, limits: { perDay: HOURS_PER_DAY }, suggestion: `请核对学时（每天最多 ${HOURS_PER_DAY} 学时）或这一期的日期` },
  settled_over_budget: { severity: 'soft', notice: '经市委、市政府审批后，由市财政局下拨培训经费到各单位〔二(一)3〕', suggestion: '请核对结算金额；超出批准经费的，请向市工作领导小组办公室说明' },
  steps_before_start: { severity: 'hard', notice: BEFORE, suggestion: '请尽快报送；来不及的，请推迟开班' },
  steps_after_end: { severity: 'hard', notice: AFTER, suggestion: '请立即补报' },
} as const satisfies Record<string, ExecRule>;

export type ExecRuleId = keyof typeof EXEC_RULES;

/** The notice's words about the steps before a class and after it, for footers and alerts. */
export const STEP_NOTICE = { before: BEFORE, after: AFTER } as const;
