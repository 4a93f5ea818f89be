import {
  type Bundle,
  type BundlePart,
  entitiesOf,
  entityPart,
  recordsOf,
} from '../../../lib/bundle';
import type { MojContext, MojLoaders } from '../context';
import { LicenceCondition } from '../licence-condition/licence-condition.entity';
import { ProbationCase } from './probation-case.entity';

/** Every row probation holds about a case, by CRN, in the loaders' orders. */
export const PROBATION_CASE_PARTS: BundlePart[] = [
  entityPart('probationCase', ProbationCase, {
    alias: 'p',
    from: 'FROM "probation_case" p WHERE p."crn" IN :keys',
    owner: 'p."crn"',
  }),
  entityPart('licenceCondition', LicenceCondition, {
    alias: 'l',
    from: 'FROM "licence_condition" l WHERE l."crn" IN :keys',
    owner: 'l."crn"',
    ranked: { within: 'l."crn"', by: 'l."start_date", l."id"' },
  }),
];

export interface ProbationCaseRecord {
  crn: string;
  probationCase: ProbationCase | null;
  /** Earliest start first. */
  licenceConditions: LicenceCondition[];
}

export function probationCaseRecord(crn: string, bundle: Bundle): ProbationCaseRecord {
  return {
    crn,
    probationCase: entitiesOf(bundle, 'probationCase', ProbationCase)[0] ?? null,
    licenceConditions: entitiesOf(bundle, 'licenceCondition', LicenceCondition),
  };
}

/** Gives the loaders every row the ProbationCase field resolvers read, empty or not. */
export function primeProbationCase(loaders: MojLoaders, record: ProbationCaseRecord): void {
  loaders.probationCaseByCrn.prime(record.crn, record.probationCase);
  loaders.licenceConditionsByCrn.prime(record.crn, record.licenceConditions);
}

/** A probation case by CRN from the request's bundle, with the loaders primed for its fields. */
export async function bundledProbationCase(
  context: MojContext,
  crn: string,
): Promise<ProbationCase | null> {
  const [record] = await recordsOf(context.bundles.probationCases, [crn], probationCaseRecord);
  primeProbationCase(context.loaders, record);
  return context.loaders.probationCaseByCrn.load(crn);
}
