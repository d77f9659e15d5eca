// npm run bench — every benchmark script in turn.
import { spawnSync } from 'node:child_process';
import { ROOT } from './support.ts';

for (const script of ['bench/latency.ts', 'bench/webhook.ts', 'bench/instances.ts', 'bench/excel.ts', 'bench/hostile.ts', 'bench/reminders.ts', 'bench/execution.ts']) {
  process.stdout.write(`\n=== ${script} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
