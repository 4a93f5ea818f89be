import { ConfigError } from '../../../lib/config';

/** A mistake in how a command was called: its message says what to fix. */
export class UsageError extends Error {}

/** Runs a command-line entry point: a clear message and exit code on failure, no stack trace. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((error: Error) => {
    const known = error instanceof UsageError || error instanceof ConfigError;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(known ? 2 : 1);
  });
}

/** Parsed flags, or a UsageError naming the flag that was wrong and how to call the command. */
export function parseFlags<T>(parse: () => { values: T }, usage: string): T {
  try {
    return parse().values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}
