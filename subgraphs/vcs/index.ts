import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { createContext } from './context';
import { createVcsDatabase } from './database';
import { buildVcsSchema } from './schema';

void runSubgraph({
  name: 'vcs',
  createDatabase: createVcsDatabase,
  buildSchema: buildVcsSchema,
  createContext,
});
