// Stack traces of the built server name the TypeScript sources (src/app.ts:80:3), as with Node's
// --enable-source-maps, but the source map is read the first time a stack trace is written, not at start-up.
// The flag parses every map up front, the npm packages' too, and keeps them: 4–5 MB of the bot's memory for
// good, for stack traces that a healthy bot rarely writes (issue 15: peak RSS under 150 MB).
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * From now on, frames in the bundle at `bundleUrl` (an entry's `import.meta.url`) are shown at their place
 * in the sources, read from `<bundle>.map`. Does nothing when there is no map (running from the sources).
 */
export function mapStackTraces(bundleUrl: string): void {
  if (!bundleUrl.startsWith('file:')) return;
  const bundle = fileURLToPath(bundleUrl);
  const mapFile = `${bundle}.map`;
  if (!fs.existsSync(mapFile)) return;
  let map: SourceMap | null | undefined;
  const sourceMap = (): SourceMap | null => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
      } catch {
        map = null; // unreadable: frames stay as they are
      }
    }
    return map;
  };
  const dir = path.dirname(mapFile);

  const frameText = (frame: NodeJS.CallSite): string => {
    const text = String(frame);
    const file = frame.getFileName();
    if (file !== bundleUrl && file !== bundle) return text;
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (line === null || column === null) return text;
    const entry = sourceMap()?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return text;
    const at = `${path.resolve(dir, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    return text.replace(`${file}:${line}:${column}`, at);
  };

  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    let head: string;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = 'Error';
    }
    return [head, ...frames.map((f) => `    at ${frameText(f)}`)].join('\n');
  };
}
