import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cleanStrings, cleanText } from '../../src/domain/text-hygiene.ts';
import { fileKind, readTable } from '../../src/excel/table-reader.ts';
import { normalizePush } from '../../src/feishu/normalize.ts';

describe('text from people, cleaned at the edge', () => {
  it.each([
    ['\u200B帮助', '帮助', 'a leading zero-width space'],
    ['\uFEFF申报', '申报', 'a byte-order mark'],
    ['财务\u202E班训培\u202C', '财务班训培', 'a right-to-left override (shown reversed on a card)'],
    ['\u2066柳州\u2069市', '柳州市', 'bidi isolates'],
    ['人\u200C数\u2060四十', '人数四十', 'non-joiners and word joiners'],
    ['培训\u00AD班', '培训班', 'a soft hyphen'],
    ['⼈社局', '人社局', 'a Kangxi radical that looks like 人'],
    ['\uF900', '豈', 'a CJK compatibility ideograph'],
    ['第一行\r\n第二行\r第三行', '第一行\n第二行\n第三行', 'Windows and old Mac line ends'],
    ['响铃\u0007退格\u0008', '响铃退格', 'control characters'],
    ['申报\u{E0041}\u{E0042}', '申报', 'invisible Unicode tags'],
  ])('%j → %j (%s)', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    ['培训班（第一期）：４０人，预算2.5万', 'full-width brackets, colon and digits stay as typed'],
    ['👨\u200D👩\u200D👧 家庭', 'a joiner inside an emoji sequence'],
    ['e\u0301', 'a combining accent (composed by NFC)'],
    ['①培训包', 'circled numbers'],
  ])('keeps what people can see: %j (%s)', (input) => {
    expect(cleanText(input)).toBe(input.normalize('NFC'));
  });

  it('cleans every string of a card form, whatever its shape', () => {
    expect(cleanStrings({ title: '\u202E班训培', n: 3, list: ['\u200Ba', null], nested: { x: '\u2066y' } })).toEqual({ title: '班训培', n: 3, list: ['a', null], nested: { x: 'y' } });
  });

  it('reaches chat text, file names and card forms through normalize', () => {
    const header = (type: string) => ({ event_id: 'e1', event_type: type, create_time: '1735689600000', token: 't', app_id: 'cli_a', tenant_key: 'k' });
    const message = normalizePush(
      {
        schema: '2.0',
        header: header('im.message.receive_v1'),
        event: {
          sender: { sender_id: { open_id: 'ou_hygiene_00001' }, sender_type: 'user' },
          message: { message_id: 'om_1', chat_id: 'oc_1', chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: '\u200B帮助' }) },
        },
      },
      'cli_a',
    );
    expect(message).toMatchObject({ type: 'event', event: { text: '帮助' } });
    const card = normalizePush(
      {
        schema: '2.0',
        header: header('card.action.trigger'),
        event: {
          operator: { open_id: 'ou_hygiene_00001' },
          action: { tag: 'button', value: { a: 'x' }, form_value: { title: '\u202E班训培' } },
          context: { open_message_id: 'om_2' },
        },
      },
      'cli_a',
    );
    expect(card).toMatchObject({ type: 'card_action', action: { formValue: { title: '班训培' } } });
  });
});

describe('spreadsheets, cleaned like chat', () => {
  const oleWith = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(`${stream}\0`, 'utf16le'), Buffer.alloc(64)]);

  it.each([
    ['an old .xls renamed to .xlsx', oleWith('Workbook'), '这是旧版 Excel（.xls）文件'],
    ['an Excel 5 workbook renamed', oleWith('Book'), '这是旧版 Excel（.xls）文件'],
    ['an .xlsx with a password', oleWith('EncryptedPackage'), '文件设置了打开密码'],
    ['an OLE file of neither kind', oleWith('WordDocument'), '可能设置了打开密码，或是改了扩展名的旧版 .xls'],
  ])('%s is told what it is', (_name, data, message) => {
    const kind = fileKind('申报表.xlsx', data);
    expect(kind).toMatchObject({ error: expect.stringContaining(message) });
  });

  it('reads cells and headers without invisible or direction characters', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报表');
    ws.addRow(['\u200B培训班名称', '人数']);
    ws.addRow(['财务\u202E班训培\u202C', '４０\u200D']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await readTable(data, 'a.xlsx', [
      { key: 'title', header: '培训班名称', required: true },
      { key: 'n', header: '人数', required: true },
    ]);
    expect(r).toMatchObject({ ok: true, rows: [{ row: 2, values: { title: '财务班训培', n: '４０' } }] });
  });
});
