// The order test files start in: the slow ones first, so the two workers finish together instead of one
// finishing a 30-second process test alone at the end. The end-to-end tests that start and kill bot processes
// (and the tests of limits and leases across instances) are slow because they wait (for a lease to expire, a
// process to start, a window to pass), not because they compute; then the
// rest of test/e2e and test/browser; then everything else, as vitest orders it (longest last run first).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST = [/test\/e2e\/hostile-process-crash\./, /test\/e2e\/process\./, /test\/e2e\/two-instances\./, /test\/e2e\/hostile-/, /test\/db\/shared-limiter\./, /test\/jobs\/scheduler-leases\./, /test\/e2e\/long-connection\./, /test\/e2e\/outbox\./];
const rank = (f: TestSpecification) => {
  const id = f.moduleId.replace(/\\/g, '/');
  const i = SLOWEST.findIndex((re) => re.test(id));
  if (i >= 0) return i;
  return /test\/(e2e|browser)\//.test(id) ? SLOWEST.length : SLOWEST.length + 1;
};

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
