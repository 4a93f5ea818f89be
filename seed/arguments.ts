import { parseArgs } from 'node:util';
import { WORLD_DEFAULTS } from './world';

export class SeedUsageError extends Error {}

export interface SeedOptions {
  people: number;
  seed: number;
  asOf: string;
  reset: boolean;
  /** For `npm start`: load only into empty databases, and leave data that is there. */
  ifEmpty: boolean;
  truth?: string;
  batch: number;
}

export const SEED_USAGE =
  'usage: npm run seed -- [--people N] [--seed S] [--as-of YYYY-MM-DD] [--reset] [--truth FILE]';

function wholeNumber(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || !Number.isSafeInteger(number)) {
    throw new SeedUsageError(
      `--${flag} must be a whole number of at least ${min}, not "${value}".\n${SEED_USAGE}`,
    );
  }
  return number;
}

export function parseSeedArguments(args: string[]): SeedOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        people: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'if-empty': { type: 'boolean', default: false },
        truth: { type: 'string' },
        batch: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new SeedUsageError(`${(error as Error).message}\n${SEED_USAGE}`);
  }
  const asOf = values['as-of'] ?? WORLD_DEFAULTS.asOf;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
    throw new SeedUsageError(
      `--as-of must be a date like 2026-11-01, not "${asOf}".\n${SEED_USAGE}`,
    );
  }
  if (values.reset && values['if-empty'])
    throw new SeedUsageError('--reset and --if-empty cannot be used together.');
  return {
    people: wholeNumber('people', values.people, WORLD_DEFAULTS.people, 1),
    seed: wholeNumber('seed', values.seed, WORLD_DEFAULTS.seed, 0),
    asOf,
    reset: values.reset,
    ifEmpty: values['if-empty'],
    truth: values.truth,
    batch: wholeNumber('batch', values.batch, 1000, 1),
  };
}
