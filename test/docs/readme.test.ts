// The README's menu table (「接入真实飞书应用」 step 8) is the bot's menu as the manifests declare it: a command
// given a menu entry appears there, with its event key, and a stale row fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandRegistry, menuOf } from '../../src/bot/commands.ts';
import { createHub } from '../../src/bot/hub.ts';
import { FEATURES } from '../../src/container.ts';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

function manifestMenu(): string[] {
  const registry = new CommandRegistry();
  for (const feature of FEATURES) registry.register(...(feature({} as never, { hub: createHub(), commands: registry }).commands ?? []));
  const who: Record<string, string> = { reviewer: '（审核人）', admin: '（管理员）' };
  return menuOf(registry.all()).map((m) => `| ${m.label}${who[m.audience] ?? ''} | \`${m.key}\` |`);
}

function readmeMenu(): string[] {
  const lines = README.split('\n').map((l) => l.trim());
  const head = lines.indexOf('| 菜单 | 事件 key |');
  if (head < 0) throw new Error('README has no menu table (| 菜单 | 事件 key |)');
  const rows: string[] = [];
  for (let i = head + 2; lines[i]?.startsWith('|'); i++) rows.push(lines[i]!);
  return rows;
}

describe('README', () => {
  it('lists the bot menu exactly as the manifests declare it', () => {
    expect(readmeMenu(), `the table should read:\n${manifestMenu().join('\n')}`).toEqual(manifestMenu());
  });
});
