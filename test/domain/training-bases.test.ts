import { describe, expect, it } from 'vitest';
import { matchBase, type TrainingBase } from '../../src/domain/training-bases.ts';

// Demo list (no published list of 柳州市干部教育培训基地 was available; see shared/data/README.md).
const BASES: TrainingBase[] = [
  { name: '中共柳州市委党校（柳州市行政学院）', city: '柳州', aliases: ['柳州市委党校'] },
  { name: '广西干部学院', city: '南宁', aliases: [] },
  { name: '中国井冈山干部学院', city: '井冈山', aliases: ['井冈山干部学院'] },
  { name: '浙江大学继续教育学院', city: '杭州', aliases: [] },
];

describe('matching an institution to the training-base list', () => {
  it.each([
    ['中共柳州市委党校(柳州市行政学院)', 'exact', '中共柳州市委党校（柳州市行政学院）'], // half-width brackets
    ['中共柳州市委党校【柳州市行政学院】', 'exact', '中共柳州市委党校（柳州市行政学院）'], // other bracket style
    [' 广西 干部学院 ', 'exact', '广西干部学院'], // spacing
    ['井冈山干部学院', 'exact', '中国井冈山干部学院'], // a known alias
    ['中国井岗山干部学院', 'near', '中国井冈山干部学院'], // a common typo (岗/冈)
    ['浙江大学继续教育', 'near', '浙江大学继续教育学院'],
    ['柳州市委党校培训中心', 'near', '中共柳州市委党校（柳州市行政学院）'],
    ['北京某某培训公司', 'none', null],
    ['', 'none', null],
  ])('%j → %s %s', (input, kind, name) => {
    const m = matchBase(input, BASES);
    expect(m.kind).toBe(kind);
    if (m.kind === 'exact') expect(m.base.name).toBe(name);
    if (m.kind === 'near') expect(m.suggestion.name).toBe(name);
  });
});
