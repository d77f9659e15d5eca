// Composition root for `npm start`: validate the environment, start the bot, stop cleanly on SIGTERM/SIGINT.
import { startBot } from './app.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${loaded.message}\n`);
  process.exit(78); // EX_CONFIG
}
const { config } = loaded;
const logger = createLogger(config.logLevel);

try {
  const bot = await startBot({ config, logger, clock: systemClock });
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutdown requested');
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  logger.fatal({ err }, 'could not start');
  process.exit(1);
}
