import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderTemplate } from '../../src/cards/render.ts';
import { helpCard } from '../../src/cards/help-card.ts';
import { welcomeCard } from '../../src/cards/welcome-card.ts';
import { assertValidCard } from '../support/card-lint.ts';

describe('card templates', () => {
  it('puts user text into a card as text, never as structure or markup', () => {
    const evil = '"},{"tag":"button"} **粗** <at id=all></at> [x](http://e)';
    const card = renderTemplate(
      { tag: 'markdown', content: '单位：{{name}}', extra: { tag: 'plain_text', content: '{{name}}' } },
      { name: evil },
    );
    expect(card.extra).toEqual({ tag: 'plain_text', content: evil }); // plain text stays as typed
    expect(String(card.content)).not.toContain('<at');
    expect(String(card.content)).not.toContain('**');
    expect(String(card.content)).toContain('&#60;at id=all&#62;');
  });

  it.each([
    ['- 列表', '&#45; 列表'],
    ['1. 序号', '1&#46; 序号'],
    ['> 引用', '&#62; 引用'],
    ['a_b*c', 'a&#95;b&#42;c'],
    ['普通文字 100%', '普通文字 100%'],
  ])('escapes markdown %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('expands $each and $if, and inserts whole values for whole placeholders', () => {
    const t = {
      elements: [
        { $each: 'rows', as: 'r', do: { tag: 'markdown', content: '{{index}}. {{{r.md}}}' } },
        { $if: 'warn', then: { tag: 'hr' } },
        { $if: 'none', then: { tag: 'hr' }, else: { tag: 'div' } },
      ],
      count: '{{n}}',
    };
    const out = renderTemplate(t, { rows: [{ md: '**a**' }, { md: '**b**' }], warn: true, none: [], n: 2 });
    expect(out).toEqual({
      elements: [
        { tag: 'markdown', content: '1. **a**' },
        { tag: 'markdown', content: '2. **b**' },
        { tag: 'hr' },
        { tag: 'div' },
      ],
      count: 2,
    });
  });

  it('fails loudly on a missing value instead of sending a half-filled card', () => {
    expect(() => renderTemplate({ content: '{{missing}}' }, {})).toThrow(/missing/);
  });

  it('every card the foundation sends is valid card JSON 2.0', () => {
    const person = { openId: 'ou_1', name: '李明', role: 'declarant' as const, unitCode: '101001' };
    assertValidCard(helpCard({ person, unitName: '某局', entries: [{ word: '申报', summary: '开始申报', usage: '申报' }] }));
    assertValidCard(welcomeCard({ person: null, unitName: null, linkHint: '**请联系管理员**' }));
    assertValidCard(welcomeCard({ person, unitName: '某局', linkHint: '' }));
  });
});
