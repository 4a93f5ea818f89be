import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { createContext } from './context';
import { createDwpDatabase } from './database';
import { buildDwpSchema } from './schema';

void runSubgraph({
  name: 'dwp',
  createDatabase: createDwpDatabase,
  buildSchema: buildDwpSchema,
  createContext,
});
