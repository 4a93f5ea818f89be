import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** Structured JSON logs to stdout; the service name is on every line. */
export function createLogger(service: string, config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service } });
}
