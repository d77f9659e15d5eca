// Why an upload is not taken, as tagged results, and how each reads: some only a stand-in reader or a
// failing download can produce (the real reader calls an empty sheet unreadable instead).
import { beforeAll, describe, expect, it } from 'vitest';
import { refusalText } from '../../../src/features/excel/replies-upload.ts';
import { checkUpload, type UploadInput, type UploadResult } from '../../../src/features/excel/upload.ts';
import { createLogger } from '../../../src/logger.ts';
import { FeishuCallError } from '../../../src/ports/feishu.ts';
import type { SheetRead } from '../../../src/ports/sheets.ts';
import { world, type World } from '../../support/converse.ts';
import { DECLARING, HRSS } from './sheets.ts';

let w: World;
beforeAll(async () => {
  w = await world({ start: DECLARING });
  await w.stores.registry.saveUnits([HRSS]);
});

const person = (unitCode = '101001') => ({ openId: 'ou_up_refused01', name: null, role: 'declarant' as const, unitCode });

function input(o: { fileName?: string; unitCode?: string; download?: () => Promise<Buffer> } = {}): UploadInput {
  const fileName = o.fileName ?? '申报表.xlsx';
  return {
    person: person(o.unitCode),
    message: { kind: 'message', eventId: 'e1', messageId: 'om_1', chatId: 'oc_1', chatType: 'p2p', senderOpenId: 'ou_up_refused01', messageType: 'file', mentionOpenIds: [], file: { fileKey: 'f1', fileName, type: 'file' } },
    download: o.download ?? (async () => Buffer.from('PK')),
    once: (_key, compute) => compute(),
    wait: {},
    log: createLogger('silent'),
  };
}

const reading = (read: SheetRead) => ({ ...w.app.ports, declarationSheets: { ...w.app.ports.declarationSheets, readDeclaration: async () => read } });
const refused = (r: UploadResult, fileName = '申报表.xlsx') => (r.status === 'refused' ? refusalText(r, fileName) : `not refused: ${r.status}`);

describe('an upload refused', () => {
  it.each([
    ['the unit left the registry', () => checkUpload(w.app.ports, input({ unitCode: '999999' })), '您关联的单位 999999 已不在单位名册中，请联系系统管理员。'],
    [
      'Feishu will not hand the file over',
      () => checkUpload(w.app.ports, input({ download: async () => Promise.reject(new FeishuCallError('resource not found', 'permanent', { status: 404 })) })),
      '没能下载「申报表.xlsx」（resource not found）。请重新发送文件；如果一直不行，请联系系统管理员。',
    ],
    [
      'a file over 5 MB',
      () => checkUpload(w.app.ports, input({ download: async () => Promise.reject(new FeishuCallError('too large', 'permanent', { code: -413 })) })),
      '「申报表.xlsx」超过 5 MB 上限，没有导入。请删除多余的工作表、图片和空行后再发送。',
    ],
    [
      'no class in it',
      () => checkUpload(reading({ ok: true, sheetName: '申报表', rows: [], columns: {} }), input()),
      '「申报表.xlsx」里没有填写培训班（示例行和只有单位的行不算）。请在表格中一行填写一个培训班后再发送。',
    ],
  ])('%s', async (_, run, text) => {
    expect(refused(await run())).toBe(text);
  });

  it('a failure Feishu may recover from is not answered: the event is retried', async () => {
    const failing = input({ download: async () => Promise.reject(new FeishuCallError('busy', 'transient', { status: 503 })) });
    await expect(checkUpload(w.app.ports, failing)).rejects.toThrow('busy');
  });

  it('after the revision deadline nothing is taken: the campaign says why, or that the year is closed', async () => {
    w.clock.set(new Date('2026-08-20T10:00:00+08:00'));
    try {
      const r = await checkUpload(reading({ ok: true, sheetName: '申报表', rows: [{ row: 5, values: { title: 'x' } }], columns: {} }), input());
      expect(r).toMatchObject({ status: 'refused', reason: 'closed', year: 2028 });
      expect(refused(r)).toContain('2028年度培训计划申报尚未开放');
    } finally {
      w.clock.set(DECLARING);
    }
    expect(refused({ status: 'refused', reason: 'closed', year: 2027, refusal: null })).toBe('2027年度申报已截止，系统已关闭，不再受理。');
  });
});
