import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { createContext } from './context';
import { createMojDatabase } from './database';
import { buildMojSchema } from './schema';

void runSubgraph({
  name: 'moj',
  createDatabase: createMojDatabase,
  buildSchema: buildMojSchema,
  createContext,
});
