// The sandbox listens on 127.0.0.1 only, but a page on any site can still make a browser send requests to
// it (a form that resets the demo, a DNS-rebinding name pointing at 127.0.0.1). So every request must name
// this machine in its Host header, a cross-site Origin is refused, and the API wants a token that only the
// sandbox's own page gets (written into it when it is served; a new one at every start).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { NextFunction, Request, Response } from 'express';

export const TOKEN_HEADER = 'x-sandbox-token';

export type SandboxGuard = {
  token: string;
  /** Host and Origin checks for everything the sandbox serves. */
  sameMachine(req: Request, res: Response, next: NextFunction): void;
  /** The token check for the API. */
  apiToken(req: Request, res: Response, next: NextFunction): void;
  /** The page, with the token in it. */
  page(file: string): (req: Request, res: Response) => void;
};

const safeEqual = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function sandboxGuard(port: () => number): SandboxGuard {
  const token = crypto.randomBytes(24).toString('base64url');
  const hosts = () => new Set(['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port()}`));
  const refuse = (res: Response, error: string) => res.status(403).json({ error });
  return {
    token,
    sameMachine(req, res, next) {
      const host = req.headers.host ?? '';
      if (!hosts().has(host)) return void refuse(res, '沙盒只接受本机地址（127.0.0.1 或 localhost）的访问');
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) return void refuse(res, '沙盒不接受其他网站发来的请求');
      if (req.headers['sec-fetch-site'] === 'cross-site') return void refuse(res, '沙盒不接受其他网站发来的请求');
      next();
    },
    apiToken(req, res, next) {
      // A download link cannot send a header: it carries the token in its query.
      const given = req.headers[TOKEN_HEADER] ?? (req.method === 'GET' ? req.query.t : undefined);
      if (typeof given !== 'string' || !safeEqual(given, token)) return void refuse(res, '页面已过期（沙盒重新启动过），请刷新页面');
      next();
    },
    page(file) {
      const html = fs.readFileSync(file, 'utf8').replace('<head>', `<head>\n    <meta name="sandbox-token" content="${token}" />`);
      return (_req, res) => {
        res.setHeader('cache-control', 'no-store');
        res.type('html').send(html);
      };
    },
  };
}
