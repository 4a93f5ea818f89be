import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import { requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { MOJ_ACCESS } from './access';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { type Bundle, sharedBundles } from '../../lib/bundle';
import { MAX_FACT_KEYS } from '../../lib/person-facts';
import { createCustodyPeriodLoaders } from './custody/custody-period.loaders';
import { createEducationLoaders } from './education/education.loaders';
import { createEstablishmentLoaders } from './establishment/establishment.loaders';
import { createLicenceConditionLoaders } from './licence-condition/licence-condition.loaders';
import { createPrisonWorkLoaders } from './prison-work/prison-work.loaders';
import { PRISONER_PARTS } from './prisoner/prisoner.bundle';
import { createPrisonerLoaders } from './prisoner/prisoner.loaders';
import { PROBATION_CASE_PARTS } from './probation/probation-case.bundle';
import { createProbationCaseLoaders } from './probation/probation-case.loaders';
import { createTemporaryLicenceLoaders } from './temporary-licence/temporary-licence.loaders';

/** Fresh DataLoaders for one request: one SQL statement per child type, however many parents. */
export function createLoaders(database: DataSource) {
  return {
    ...createPrisonerLoaders(database),
    ...createEstablishmentLoaders(database),
    ...createCustodyPeriodLoaders(database),
    ...createTemporaryLicenceLoaders(database),
    ...createPrisonWorkLoaders(database),
    ...createEducationLoaders(database),
    ...createProbationCaseLoaders(database),
    ...createLicenceConditionLoaders(database),
  };
}

export type MojLoaders = ReturnType<typeof createLoaders>;

interface MojBundles {
  /** By prison number: the prisoner, custody and resettlement. */
  prisoners: DataLoader<string, Bundle>;
  /** By CRN: the probation case and its licence conditions. */
  probationCases: DataLoader<string, Bundle>;
}

const prisonerBundles = sharedBundles(PRISONER_PARTS, MAX_FACT_KEYS);
const probationCaseBundles = sharedBundles(PROBATION_CASE_PARTS, MAX_FACT_KEYS);

export interface MojContext extends AccessContext {
  database: DataSource;
  loaders: MojLoaders;
  bundles: MojBundles;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  { scope }: ContextServices,
): MojContext {
  return {
    database,
    loaders: createLoaders(database),
    bundles: {
      prisoners: prisonerBundles(database, request),
      probationCases: probationCaseBundles(database, request),
    },
    ...accessContext(request, requestScopes(scope, request, MOJ_ACCESS)),
  };
}
