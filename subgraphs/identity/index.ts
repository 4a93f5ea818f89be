import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { identityScopeLookup } from './access-scope/scope-lookup';
import { createContext } from './context';
import { createIdentityDatabase } from './database';
import { LinkageService } from './linking/linkage-service';
import { ReleaseSnapshots } from './reporting/release-snapshots';
import { ReportingKeyPublisher } from './reporting/reporting-keys';
import { buildIdentitySchema } from './schema';

void runSubgraph({
  name: 'identity',
  createDatabase: createIdentityDatabase,
  buildSchema: buildIdentitySchema,
  createContext,
  scopeLookup: identityScopeLookup,
  startWorker: (database, config, logger) => {
    const service = new LinkageService(
      database,
      config,
      logger,
      LinkageService.settings(config),
      new ReportingKeyPublisher(database, config, logger),
      new ReleaseSnapshots(database, config, logger),
    );
    service.start();
    return service;
  },
});
