import os from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFirst from './test/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One worker more than cores: the end-to-end tests spend most of their time waiting on a bot process
    // (its start, a lease to expire), and vitest's default here (cores − 1) would run the files one at a time.
    maxWorkers: os.availableParallelism() + 1,
    // Each worker process runs many test files, importing the code once: most files are quick transcripts on
    // the container, and re-importing Prisma, exceljs and the bot for each of them took more time than the
    // tests. Tests share no module state (each builds its own world, stores and clock).
    isolate: false,
    // The bot bundle the process tests start, built once per run.
    globalSetup: ['test/support/global-setup.ts'],
    sequence: { sequencer: SlowFirst },
  },
});
