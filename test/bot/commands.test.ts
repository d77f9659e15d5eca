import { describe, expect, it } from 'vitest';
import { CommandRegistry, normalizeInput } from '../../src/bot/commands.ts';
import type { Command } from '../../src/bot/manifest.ts';

const cmd = (id: string, words: string[], audience: Command['audience'] = 'anyone'): Command => ({
  id,
  words,
  audience,
  summary: id,
  run: async () => {},
});

describe('command matching', () => {
  const r = new CommandRegistry().register(cmd('help', ['帮助', 'help']), cmd('declare', ['申报'], 'declarant'), cmd('form', ['表单申报'], 'declarant'));

  it.each([
    ['帮助', 'help', ''],
    ['  帮助  ', 'help', ''],
    ['HELP', 'help', ''],
    ['/帮助', 'help', ''],
    ['申报', 'declare', ''],
    ['申报 2027', 'declare', '2027'],
    ['申报：第二个班', 'declare', '第二个班'],
    ['表单申报', 'form', ''],
  ])('%j → %s (%j)', (text, id, args) => {
    const m = r.match(text);
    expect(m?.command.id).toBe(id);
    expect(m?.args).toBe(args);
  });

  it.each(['申报人是谁', '帮我', '', '你好帮助'])('%j matches nothing', (text) => {
    expect(r.match(text)).toBeNull();
  });

  it('normalizes full-width input', () => {
    expect(normalizeInput('ＨＥＬＰ　１２３')).toBe('HELP 123');
  });

  it('refuses two commands with the same word', () => {
    expect(() => new CommandRegistry().register(cmd('a', ['x']), cmd('b', ['x']))).toThrow(/clashes/);
  });

  it('lists for help only what the person may use', () => {
    expect(r.availableTo(null).map((c) => c.id)).toEqual([]);
    expect(r.availableTo({ openId: 'ou_x', name: null, role: 'declarant', unitCode: '1' }).map((c) => c.id)).toEqual(['declare', 'form']);
    expect(r.availableTo({ openId: 'ou_x', name: null, role: 'reviewer', unitCode: null }).map((c) => c.id)).toEqual([]);
  });

  it('lists commands for anyone to the people it knows, unless the command says it does not apply', () => {
    const reg = new CommandRegistry().register(cmd('help', ['帮助']), cmd('progress', ['进度']), { ...cmd('link', ['绑定']), showInHelp: (p) => !p.unitCode });
    expect(reg.availableTo({ openId: 'ou_x', name: null, role: 'declarant', unitCode: '1' }).map((c) => c.id)).toEqual(['progress']);
    expect(reg.availableTo({ openId: 'ou_x', name: null, role: 'reviewer', unitCode: null }).map((c) => c.id)).toEqual(['progress', 'link']);
    expect(reg.availableTo(null)).toEqual([]);
  });
});
