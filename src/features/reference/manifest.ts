// An admin sends the unit registry (财政局的单位名册) or the training-base list to the bot in chat: the same
// checks and the same summary as `units:import` / `bases:import`, read in the worker like every upload.
// A declaration or 补录 sheet from an admin who is also a declarant goes on to those features.
import type { SheetRow, UnitColumn } from '../../domain/units.ts';
import type { BaseColumn } from '../../domain/training-bases.ts';
import type { Ports } from '../../ports/index.ts';
import { importUnits, validateBases } from '../../model/reference-data.ts';
import { fileRoute, type Feature } from '../../bot/manifest.ts';

export type ReferenceDeps = Pick<Ports, 'registry' | 'bases' | 'people' | 'roster' | 'referenceSheets' | 'declarationSheets' | 'executionSheets' | 'directory' | 'logger'>;

const MAX_BYTES = 5 * 1024 * 1024;
const SHOWN = 20;

function problemsText(fileName: string, problems: { row: number; column: string; message: string }[]): string {
  return [
    `「${fileName}」有 ${problems.length} 处问题，没有导入任何内容。请改正后重新发送：`,
    ...problems.slice(0, SHOWN).map((p) => `第 ${p.row} 行「${p.column}」：${p.message}`),
    ...(problems.length > SHOWN ? [`……另有 ${problems.length - SHOWN} 处（也可用 npm run cli -- units:import 看到全部）`] : []),
  ].join('\n');
}

/** An admin's registry or base list sent in chat; a declaration or 补录 sheet of an admin who declares goes on. */
const referenceUpload = (deps: ReferenceDeps) =>
  fileRoute({
    order: 10,
    audience: 'admin',
    take: async ({ person, message, reply, log, download, once, wait }) => {
      if (message.file.type !== 'file' || !/\.(xlsx|xlsm|csv)$/i.test(message.file.fileName)) return false;
      const name = message.file.fileName;
      const data = await download(MAX_BYTES);
      const read = { declaration: () => once('declaration', () => deps.declarationSheets.readDeclaration(data, name, wait)), history: () => once('history', () => deps.executionSheets.readHistory(data, name, wait)) };
      if (person.unitCode && ((await read.declaration()).ok || (await read.history()).ok)) return false;

      const units = await deps.referenceSheets.readUnits(data, name, wait);
      if (units.ok && units.rows.length) {
        const r = await importUnits(units.rows as SheetRow<UnitColumn>[], { ...deps, logger: log });
        log.info({ rows: units.rows.length, ok: r.ok }, 'unit registry uploaded by an admin');
        if (!r.ok) {
          await reply.text(problemsText(name, r.problems));
          return true;
        }
        await reply.text(
          [
            `已导入单位名册「${name}」（工作表「${units.sheetName}」）：${r.saved} 个单位。`,
            `联系人：在飞书中找到 ${r.resolved} 人，其中 ${r.linked.length} 人已关联为本单位申报人。`,
            ...(r.lookupError ? [`未能查询飞书通讯录（${r.lookupError}）；联系人可稍后重新发送名册，或自己向机器人申请关联。`] : []),
            ...(r.unresolved.length ? [`${r.unresolved.length} 个联系人的手机号在飞书中没有找到（不影响导入）：${r.unresolved.slice(0, 10).map((u) => `${u.name} ${u.contactName ?? ''}`.trim()).join('、')}${r.unresolved.length > 10 ? ' 等' : ''}。`] : []),
            ...r.conflicts.map((c) => `注意：${c.openId} 已关联到单位 ${c.linkedTo}，没有改为 ${c.code}（如需变更请用 users:bind）。`),
          ].join('\n'),
        );
        return true;
      }
      const bases = await deps.referenceSheets.readBases(data, name, wait);
      if (bases.ok && bases.rows.length) {
        const r = validateBases(bases.rows as SheetRow<BaseColumn>[]);
        if (!r.ok) {
          await reply.text(problemsText(name, r.problems));
          return true;
        }
        await deps.bases.save(r.bases, false);
        log.info({ bases: r.bases.length }, 'training bases uploaded by an admin');
        await reply.text(`已导入培训基地名单「${name}」：${r.bases.length} 个培训基地（同名的已更新，其余保留；要整体替换名单请用 npm run cli -- bases:import 文件 --replace）。`);
        return true;
      }
      return false;
    },
  });

export function referenceFeature(deps: ReferenceDeps): Feature {
  return { name: 'reference', files: [referenceUpload(deps)] };
}
