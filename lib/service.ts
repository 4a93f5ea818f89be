import { ConfigError, type Config, loadConfig } from './config';
import type { RunningService } from './http';
import { createLogger, type Logger } from './logger';
import { nameService } from './metrics';
import { startTracing } from './tracing';

/** What a launcher that forked this process hears once it is serving. */
export interface ListeningMessage {
  type: 'listening';
  service: string;
  port: number;
}

/**
 * Runs one service process: config → start → listen; SIGTERM, SIGINT or the launcher going
 * away drains and stops it. A bad config or failed start exits non-zero with a clear message.
 */
export async function runService(
  name: string,
  start: (config: Config, logger: Logger) => Promise<RunningService>,
): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(name, config);
  exitOnUncaught(name, logger);
  nameService(name);
  const tracing = startTracing(name, config.tracing, logger);
  let running: RunningService;
  try {
    running = await start(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `${name} could not start: ${startFailure(name, error)}`);
    process.exit(1);
  }
  logger.info({ port: running.port }, `${name} listening on http://${config.host}:${running.port}`);
  const message: ListeningMessage = { type: 'listening', service: name, port: running.port };
  process.send?.(message);

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, `${name} stopping`);
    await running.stop().catch((error) => logger.error({ err: error }, 'unclean stop'));
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  if (process.connected) process.once('disconnect', () => void stop('launcher gone'));
}

/**
 * An error nothing caught leaves the process in a state no one planned for: it is logged as
 * the service's last line, in the same JSON as the rest, and the process exits for its
 * supervisor to restart, as Node would have done with a bare stack trace.
 */
function exitOnUncaught(name: string, logger: Logger): void {
  const fatal = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, `${name} stopped on an ${kind}`);
    process.exit(1);
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled rejection'));
}

function startFailure(name: string, error: unknown): string {
  const { code, port } = error as { code?: string; port?: number };
  if (code === 'EADDRINUSE') {
    return `port ${port} is already in use; stop what holds it or set ${name.toUpperCase()}_PORT`;
  }
  return (error as Error).message;
}

function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
