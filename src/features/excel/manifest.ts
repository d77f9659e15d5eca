// Declaring by spreadsheet and the files reviewers need: 模板, 导出, a filled form sent back, 确认导入.
import type { Feature, Kit } from '../../bot/manifest.ts';
import type { ExcelDeps } from './import.ts';
import { excelCardRoutes, excelCommands, excelUpload } from './index.ts';

export function excelFeature(ports: Omit<ExcelDeps, 'hub'>, kit: Kit): Feature {
  const deps: ExcelDeps = { ...ports, hub: kit.hub };
  return { name: 'excel', commands: excelCommands(deps), cards: excelCardRoutes(deps), files: [excelUpload(deps)] };
}
