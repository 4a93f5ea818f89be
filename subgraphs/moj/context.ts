import { type AccessContext, accessContext } from '../../lib/access/policy';
import type { RequestContext } from '../../lib/auth/roles';
import { requestScopes } from '../../lib/access/scope';
import type { ContextServices } from '../../lib/subgraph-server';
import { MOJ_ACCESS } from './access';
import type { DataSource } from 'typeorm';
import { createCustodyPeriodLoaders } from './custody/custody-period.loaders';
import { createEducationLoaders } from './education/education.loaders';
import { createEstablishmentLoaders } from './establishment/establishment.loaders';
import { createLicenceConditionLoaders } from './licence-condition/licence-condition.loaders';
import { createPrisonWorkLoaders } from './prison-work/prison-work.loaders';
import { createPrisonerLoaders } from './prisoner/prisoner.loaders';
import { createProbationCaseLoaders } from './probation/probation-case.loaders';
import { createTemporaryLicenceLoaders } from './temporary-licence/temporary-licence.loaders';

/** Fresh DataLoaders for one request: one SQL statement per child type, however many parents. */
function createLoaders(database: DataSource) {
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

export interface MojContext extends AccessContext {
  database: DataSource;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(
  database: DataSource,
  request: RequestContext,
  { scope }: ContextServices,
): MojContext {
  return {
    database,
    loaders: createLoaders(database),
    ...accessContext(request, requestScopes(scope, request, MOJ_ACCESS)),
  };
}
