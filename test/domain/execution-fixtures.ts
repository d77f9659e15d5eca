// What the execution tests share: the 2026 calendar, Beijing instants, an approved 市外 plan and the base list.
import type { PlanDraft } from '../../src/domain/plan.ts';
import { WorkCalendar } from '../../src/domain/working-days.ts';

// 2026 around National Day (State Council schedule, as chinese-days has it): Fri Sep 25 (中秋) and Oct 1–7 are
// off; Sun Sep 20 and Sat Oct 10 are make-up working days.
export const cal = new WorkCalendar();
export const at = (iso: string) => new Date(`${iso}+08:00`);
export const plan: PlanDraft = { title: '业务能力提升培训班', scope: '市外', mode: '线下', institution: '中国井冈山干部学院', location: '江西省井冈山市', headcount: 40, sessions: 2, days: 3, budget: 60000 };
export const bases = [
  { name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] },
  { name: '中共柳州市委党校（柳州市行政学院）', city: '柳州', aliases: ['柳州市委党校'] },
];
