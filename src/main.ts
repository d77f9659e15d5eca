// Composition root for `npm start`: validate the environment, start the bot, stop cleanly on SIGTERM/SIGINT.
// Without Feishu credentials (or with --sandbox) it starts the sandbox instead: the same bot with an embedded
// Feishu stand-in and a web page to try it. With credentials configured the sandbox never starts.
import path from 'node:path';
import { startBot } from './app.ts';
import { LongConnectionRefused } from './feishu/long-connection.ts';
import { systemClock } from './clock.ts';
import { chooseMode, loadConfig, loadSandboxSettings } from './config.ts';
import { createLogger } from './logger.ts';
import { startSandbox } from './sandbox/sandbox.ts';
import { mapStackTraces } from './stack-traces.ts';

mapStackTraces(import.meta.url);

const args = process.argv.slice(2);
const mode = chooseMode(process.env, args);
if (mode.kind === 'refuse') {
  process.stderr.write(`${mode.message}\n`);
  process.exit(78); // EX_CONFIG
}

async function run(): Promise<{ stop(): Promise<void> }> {
  if (mode.kind === 'sandbox') {
    const settings = loadSandboxSettings(process.env);
    if (!settings.ok) {
      process.stderr.write(`${settings.message}\n`);
      process.exit(78);
    }
    const logger = createLogger(settings.logLevel);
    const sandbox = await startSandbox({ dataDir: path.resolve(settings.dataDir), port: settings.port, logger, logLevel: settings.logLevel, reset: args.includes('--reset'), connection: settings.connection });
    const page = `http://localhost:${sandbox.port}/sandbox/`;
    process.stdout.write(
      [
        '',
        '  培训计划申报助手 · 沙盒模式（没有配置飞书应用凭证，没有连接飞书）',
        '',
        `  打开 ${page} ，选择一个身份，像在飞书里一样和机器人对话。`,
        '  这里的单位、人员和计划都是演示数据，消息不会发到飞书，只保存在本机',
        `  （${path.join(path.resolve(settings.dataDir), 'sandbox.db')}）。重置演示数据：页面上的「重置」，或 npm run sandbox -- --reset。`,
        ...(settings.connection === 'ws' ? ['  消息经长连接（SANDBOX_CONNECTION=ws）送到机器人，和没有公网地址的服务器一样。'] : []),
        '  没有设置 FEISHU_APP_ID 和 FEISHU_APP_SECRET，所以进入了沙盒模式。接入真实飞书应用：设置这两项和',
        '  FEISHU_ENCRYPT_KEY（或 FEISHU_VERIFICATION_TOKEN）后再 npm start，步骤见 README.md 的「配置」和「接入真实飞书应用」。',
        '  设置了凭证时不会进入沙盒模式。',
        '',
      ].join('\n'),
    );
    return sandbox;
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exit(78);
  }
  const logger = createLogger(loaded.config.logLevel);
  return startBot({ config: loaded.config, logger, clock: systemClock });
}

const fallbackLogger = createLogger('info');
try {
  const running = await run();
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1);
    // Whatever is in flight, the process is gone within 10 s; unfinished queue rows stay in the database
    // and their short leases hand them to the next process.
    setTimeout(() => {
      fallbackLogger.error({ signal }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, 9_000).unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        fallbackLogger.error({ err, signal }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
    const port = e.port ?? '（PORT 设置的端口）';
    process.stderr.write(
      e.code === 'EADDRINUSE'
        ? `端口 ${port} 已被占用，机器人没有启动。请停止占用它的程序（可用 ss -ltnp 查看），或用环境变量 PORT 换一个端口，例如：PORT=3001 npm start\n`
        : `没有权限监听端口 ${port}，机器人没有启动。1024 以下的端口需要管理员权限；请用环境变量 PORT 换一个端口，例如：PORT=3000 npm start\n`,
    );
    process.exit(78);
  }
  if (err instanceof LongConnectionRefused) {
    // Credentials Feishu refuses are a configuration error like the others: said plainly, exit 78.
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  if (err instanceof Error && err.name === 'MigrationError') {
    // Which migration failed and why, in Chinese (db/migrate-postgres.ts); the database is as it was.
    process.stderr.write(`${err.message}。机器人没有启动。\n`);
  }
  fallbackLogger.fatal({ err }, 'could not start');
  process.exit(1);
}
