// Button values one feature's route accepts and another's card (or the bot's) carries: built and checked
// from one place (cards/actions.ts), each with exactly the keys, in the order, the handlers have always seen;
// and no file writes another feature's value by hand.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { answerValue, crossValues, declareValue, excelCancelValue, formOpenValue, noPlanValue, planValue, reviseValue, templateValue } from '../../src/cards/actions.ts';

describe('values carried across features', () => {
  const cases: [string, unknown, z.ZodType, string][] = [
    ['去申报 (greeting card, reminders)', crossValues.declare(), declareValue, '{"a":"declare"}'],
    ['表单申报 (greeting card)', crossValues.formOpen(), formOpenValue, '{"a":"form_open"}'],
    ['作为某项 (the bot’s 是指令还是回答)', crossValues.answer(7, 'headcount', '帮助'), answerValue, '{"a":"answer","plan":7,"field":"headcount","value":"帮助"}'],
    ['继续填写草稿 (reminders)', crossValues.plan(7, 'edit'), planValue, '{"a":"plan","plan":7,"op":"edit"}'],
    ['撤回 on page 3 (我的申报)', crossValues.plan(7, 'withdraw', { v: 2, pg: 3 }), planValue, '{"a":"plan","plan":7,"op":"withdraw","v":2,"pg":3}'],
    ['本年度无培训计划 (reminders)', crossValues.noPlan(2027, false), noPlanValue, '{"a":"no_plan","year":2027,"yes":false}'],
    ['修改 (return notice, reminders)', crossValues.revise(7), reviseValue, '{"a":"revise","plan":7}'],
    ['下载模板 (reminders)', crossValues.template(), templateValue, '{"a":"template"}'],
    ['不导入 (补录 card)', crossValues.excelCancel(9), excelCancelValue, '{"a":"excel_cancel","id":9}'],
  ];
  it.each(cases)('%s', (_name, value, schema, json) => {
    expect(JSON.stringify(value)).toBe(json);
    expect(schema.parse(value)).toEqual(value);
  });

  it('no file writes by hand a value whose schema is shared or another feature’s', () => {
    const SRC = path.resolve(import.meta.dirname, '../../src');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? (d.name === 'generated' ? [] : files(path.join(dir, d.name))) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
    const owner = new Map<string, string>();
    for (const s of [declareValue, formOpenValue, answerValue, planValue, noPlanValue, reviseValue, templateValue, excelCancelValue]) owner.set(s.shape.a.value, 'cards/actions.ts');
    for (const f of fs.readdirSync(path.join(SRC, 'features'))) {
      const buttons = path.join(SRC, 'features', f, 'buttons.ts');
      if (!fs.existsSync(buttons)) continue;
      for (const m of fs.readFileSync(buttons, 'utf8').matchAll(/z\.literal\('([a-z_0-9]+)'\)/g)) if (!owner.has(m[1]!)) owner.set(m[1]!, `features/${f}/`);
    }
    const offences: string[] = [];
    for (const file of files(SRC)) {
      const rel = path.relative(SRC, file);
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\ba: '([a-z_0-9]+)'/g)) {
        const own = owner.get(m[1]!);
        if (own && !rel.startsWith(own)) offences.push(`${rel}: a: '${m[1]}' (owned by ${own})`);
      }
    }
    expect(offences).toEqual([]);
  });
});
