// What an admin hears about the registry or base list they sent: the CLI's summary in chat sentences.
import type { ReferenceResult } from './reference-upload.ts';

/** How many problems a message lists (the CLI prints them all). */
const SHOWN = 20;

function problemsText(fileName: string, problems: readonly { row: number; column: string; message: string }[]): string {
  return [
    `「${fileName}」有 ${problems.length} 处问题，没有导入任何内容。请改正后重新发送：`,
    ...problems.slice(0, SHOWN).map((p) => `第 ${p.row} 行「${p.column}」：${p.message}`),
    ...(problems.length > SHOWN ? [`……另有 ${problems.length - SHOWN} 处（也可用 npm run cli -- units:import 看到全部）`] : []),
  ].join('\n');
}

function unitsText(fileName: string, r: Extract<ReferenceResult, { kind: 'units' }>): string {
  const u = r.units;
  return [
    `已导入单位名册「${fileName}」（工作表「${r.sheetName}」）：${u.saved} 个单位。`,
    `联系人：在飞书中找到 ${u.resolved} 人，其中 ${u.linked.length} 人已关联为本单位申报人。`,
    ...(u.lookupError ? [`未能查询飞书通讯录（${u.lookupError}）；联系人可稍后重新发送名册，或自己向机器人申请关联。`] : []),
    ...(u.unresolved.length ? [`${u.unresolved.length} 个联系人的手机号在飞书中没有找到（不影响导入）：${u.unresolved.slice(0, 10).map((x) => `${x.name} ${x.contactName ?? ''}`.trim()).join('、')}${u.unresolved.length > 10 ? ' 等' : ''}。`] : []),
    ...u.conflicts.map((c) => `注意：${c.openId} 已关联到单位 ${c.linkedTo}，没有改为 ${c.code}（如需变更请用 users:bind）。`),
  ].join('\n');
}

/** The answer to a file this feature took. */
export function referenceAnswer(r: Exclude<ReferenceResult, { status: 'passed' }>, fileName: string): string {
  if (r.status === 'refused') return problemsText(fileName, r.problems);
  if (r.kind === 'units') return unitsText(fileName, r);
  return `已导入培训基地名单「${fileName}」：${r.count} 个培训基地（同名的已更新，其余保留；要整体替换名单请用 npm run cli -- bases:import 文件 --replace）。`;
}
