import { describe, expect, it } from 'vitest';
import { CITIES, COUNTIES, PROVINCES } from '../../src/domain/china-places.ts';
import { readPlace } from '../../src/domain/places.ts';

const DIVISIONS = ['城中区', '鱼峰区', '柳南区', '柳北区', '柳江区', '柳城县', '鹿寨县', '融安县', '融水苗族自治县', '三江侗族自治县'];

describe('a venue is read as an administrative place, prefix first [seed 二(二)四]', () => {
  // Every one of Liuzhou's ten divisions, bare and under each prefix people write.
  const prefixes = ['', '柳州市', '柳州', '广西柳州市', '广西壮族自治区柳州市', '中国广西柳州市', '广西'];
  it.each(DIVISIONS.flatMap((d) => prefixes.map((p) => [`${p}${d}某某培训中心`, `柳州市${d}`])))('%s is inside, in %s', (text, division) => {
    expect(readPlace(text)).toEqual({ where: 'inside', division, rest: '某某培训中心' });
  });

  it.each([
    // Former and short names of Liuzhou's divisions.
    ['柳江县人民政府', '柳州市柳江区'],
    ['融水县思源实验学校', '柳州市融水苗族自治县'],
    ['三江县侗族风情园', '柳州市三江侗族自治县'],
    ['鹿寨党校', '柳州市鹿寨县'],
    ['广西融水县', '柳州市融水苗族自治县'],
    // Liuzhou itself, full or short, with no district.
    ['柳州市委党校', '柳州市'],
    ['中共柳州市委党校（柳州市行政学院）', '柳州市'],
    ['柳州职业技术学院', '柳州市'],
    ['广西柳州', '柳州市'],
    ['柳州市', '柳州市'],
    ['柳东新区科技大厦', '柳州市柳东新区'],
    ['  柳州市 鱼峰区 文笔路 ', '柳州市鱼峰区'],
    ['柳州市城中区　文昌路１号', '柳州市城中区'], // an ideographic space and full-width digits
  ])('%s is inside, in %s', (text, division) => {
    expect(readPlace(text)).toMatchObject({ where: 'inside', division });
  });

  it.each([
    // The three examples: another place first, whatever names follow.
    ['南宁市青秀区柳州大厦', '南宁市'],
    ['上海市徐汇区柳州路', '上海市'],
    ['广东省融安路', '广东省'],
    // Other provinces, prefectures and counties, with and without their suffixes.
    ['桂林市七星区', '桂林市'],
    ['广西南宁', '南宁市'],
    ['广西阳朔县兴坪镇', '阳朔县'],
    ['阳朔县', '阳朔县'],
    ['容县', '容县'],
    ['江西省井冈山市', '江西省'],
    ['湖南长沙', '湖南省'],
    ['北京市朝阳区', '北京市'],
    ['北京', '北京市'],
    ['南宁', '南宁市'],
    ['南宁青秀区', '南宁市'],
    ['青海省西宁市城中区', '青海省'], // Xining's 城中区 under its own prefix
    ['西宁市城中区', '西宁市'],
    ['中共南宁市委党校', '南宁市'],
    ['黔东南苗族侗族自治州凯里市', '黔东南苗族侗族自治州'],
    ['海南藏族自治州共和县', '海南藏族自治州'],
    ['海南', '海南省'],
    ['吉林', '吉林省'],
    ['香港', '香港特别行政区'],
    ['广西省桂林市', '桂林市'],
  ])('%s is outside: %s is named first', (text, place) => {
    expect(readPlace(text)).toEqual({ where: 'outside', place });
  });

  it.each([
    // No city or district: asked, not judged.
    '市委党校',
    '党校报告厅',
    '农贸市场',
    '市民中心三楼会议室',
    '广西', // Liuzhou is in Guangxi: which city?
    '广西大学',
    '广西壮族自治区党委党校',
    // A short name before a street or a building is that street or building, not the place.
    '柳州路100号',
    '柳州大厦',
    '融安路12号',
    '北京路',
    '上海路小学',
    '中山公园',
    '井冈山', // a county elsewhere counts only by its full name
    '',
  ])('%j is unknown', (text) => {
    expect(readPlace(text)).toEqual({ where: 'unknown' });
  });
});

describe('the generated list of divisions', () => {
  it('has every province-level division, the prefectures, and Liuzhou with its ten divisions', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34);
    expect(Object.keys(CITIES).length).toBeGreaterThan(330);
    expect(CITIES['4502']).toBe('柳州市');
    expect(COUNTIES['4502']!.split(' ')).toEqual(DIVISIONS);
    expect(Object.values(COUNTIES).join(' ').split(' ').length).toBeGreaterThan(2900);
  });
});
