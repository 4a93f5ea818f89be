import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { createContext } from './context';
import { createIdentityDatabase } from './database';
import { buildIdentitySchema } from './schema';

void runSubgraph({
  name: 'identity',
  createDatabase: createIdentityDatabase,
  buildSchema: buildIdentitySchema,
  createContext,
});
