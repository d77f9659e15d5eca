// Feishu rejects card JSON 2.0 with unknown properties, misplaced components or bad enum values, and
// offline we would never see it. This loads the shared checker (../shared/tools/card-lint) when it is
// present (it is in CI); CARD_LINT may point at card-lint.mjs elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Problem = { path: string; severity: 'error' | 'warning'; message: string };
type Linter = {
  lintCard(card: unknown): Problem[];
  lintCallbackResponse(resp: unknown, opts?: { originalSchema?: string }): Problem[];
};

function findLinter(): string | null {
  if (process.env.CARD_LINT && fs.existsSync(process.env.CARD_LINT)) return process.env.CARD_LINT;
  let dir = path.resolve(import.meta.dirname, '../..');
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, '..', 'shared', 'tools', 'card-lint', 'card-lint.mjs');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  // Where the workplace keeps it, for a clone made elsewhere (e.g. a fresh CI try in /tmp).
  const shared = '/work/shared/tools/card-lint/card-lint.mjs';
  return fs.existsSync(shared) ? shared : null;
}

const file = findLinter();
export const cardLintAvailable = file !== null;
const linter: Linter | null = file ? ((await import(pathToFileURL(file).href)) as Linter) : null;
if (!linter) console.warn('card-lint not found: cards are not checked against Feishu card JSON 2.0 rules');

export function cardErrors(card: unknown): Problem[] {
  return linter ? linter.lintCard(card).filter((p) => p.severity === 'error') : [];
}

export function callbackErrors(resp: unknown): Problem[] {
  return linter ? linter.lintCallbackResponse(resp, { originalSchema: '2.0' }).filter((p) => p.severity === 'error') : [];
}

/** Throws with every error found, so a test shows exactly what Feishu would refuse. */
export function assertValidCard(card: unknown, label = 'card'): void {
  const errors = cardErrors(card);
  if (errors.length) {
    throw new Error(`${label} would be rejected by Feishu:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  }
}

export function assertValidCallback(resp: unknown, label = 'callback response'): void {
  const errors = callbackErrors(resp);
  if (errors.length) {
    throw new Error(`${label} would be rejected by Feishu:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  }
}
