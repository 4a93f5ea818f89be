import type { DataSource } from 'typeorm';
import { readBundle } from '../../../lib/bundle';
import { PRISONER_PARTS, type PrisonerRecord, prisonerRecord } from '../prisoner/prisoner.bundle';
import {
  PROBATION_CASE_PARTS,
  type ProbationCaseRecord,
  probationCaseRecord,
} from '../probation/probation-case.bundle';

/** The prisoners' records read straight from `database`, as a request's bundles give them. */
export async function prisonerRecordsIn(
  database: DataSource,
  prisonNumbers: string[],
): Promise<PrisonerRecord[]> {
  const bundles = await readBundle(database, PRISONER_PARTS, prisonNumbers);
  return prisonNumbers.map((key) => prisonerRecord(key, bundles.get(key) ?? new Map()));
}

/** The probation cases' records read straight from `database`. */
export async function probationCaseRecordsIn(
  database: DataSource,
  crns: string[],
): Promise<ProbationCaseRecord[]> {
  const bundles = await readBundle(database, PROBATION_CASE_PARTS, crns);
  return crns.map((key) => probationCaseRecord(key, bundles.get(key) ?? new Map()));
}
