// Runs once per `vitest run`, before any test file: builds the bot bundle the process tests start, so the
// test files that spawn it (in parallel workers) never rebuild dist/ under each other's feet.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  project.provide('bundleBuilt', true);
}

declare module 'vitest' {
  export interface ProvidedContext {
    bundleBuilt: boolean;
  }
}
