import { type DataSource, In } from 'typeorm';
import { rowByKey, rowsByKey } from '../../../lib/loaders';
import { CharityService } from './charity-service.entity';
import { Organisation } from './organisation.entity';

export function createOrganisationLoaders(database: DataSource) {
  const organisations = database.getRepository(Organisation);
  const services = database.getRepository(CharityService);
  return {
    organisationById: rowByKey(
      (ids: string[]) => organisations.findBy({ id: In(ids) }),
      (organisation) => organisation.id,
    ),
    serviceById: rowByKey(
      (ids: string[]) => services.findBy({ id: In(ids) }),
      (service) => service.id,
    ),
    servicesByOrganisation: rowsByKey(
      (ids: string[]) =>
        services.find({ where: { organisationId: In(ids) }, order: { name: 'ASC', id: 'ASC' } }),
      (service) => service.organisationId,
    ),
  };
}
