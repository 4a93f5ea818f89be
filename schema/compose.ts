import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type DocumentNode, Kind, parse, type GraphQLSchema } from 'graphql';
import { SCHEMA_DIR } from '../lib/paths';
import { SUBGRAPH_NAMES, type SubgraphName, defaultSubgraphUrl } from '../lib/subgraphs';
import { buildDwpSchema } from '../subgraphs/dwp/schema';
import { buildIdentitySchema } from '../subgraphs/identity/schema';
import { buildMojSchema } from '../subgraphs/moj/schema';
import { buildVcsSchema } from '../subgraphs/vcs/schema';

const builders: Record<SubgraphName, () => Promise<GraphQLSchema>> = {
  identity: buildIdentitySchema,
  dwp: buildDwpSchema,
  moj: buildMojSchema,
  vcs: buildVcsSchema,
};

/** File name under schema/ → content: one SDL per subgraph, then the supergraph. */
export type SchemaFiles = Record<string, string>;

export async function composeSchemaFiles(): Promise<SchemaFiles> {
  const files: SchemaFiles = {};
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const sdl = printSubgraphSchema(await builders[name]());
    files[`${name}.graphql`] = `${sdl}\n`;
    services.push({ name, url: defaultSubgraphUrl(name), typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  const errors = [...(result.errors ?? []).map((e) => e.message), ...enumDrift(services)];
  if (errors.length) throw new Error(`Composition failed:\n${errors.join('\n')}`);
  if (!result.supergraphSdl) throw new Error('Composition produced no supergraph');
  files['supergraph.graphql'] = `${result.supergraphSdl}\n`;
  return files;
}

/**
 * Federation merges an output-only enum defined in two subgraphs as the union of their values,
 * with only a hint: two controllers' copies of one vocabulary could drift unnoticed. Refuse it.
 */
export function enumDrift(services: { name: string; typeDefs: DocumentNode }[]): string[] {
  const seen = new Map<string, { service: string; values: string }>();
  const drift: string[] = [];
  for (const { name, typeDefs } of services) {
    for (const definition of typeDefs.definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
      const values = (definition.values ?? [])
        .map((v) => v.name.value)
        .sort()
        .join(', ');
      const first = seen.get(definition.name.value);
      if (!first) seen.set(definition.name.value, { service: name, values });
      else if (first.values !== values)
        drift.push(
          `enum ${definition.name.value} differs: ${first.service} has [${first.values}], ` +
            `${name} has [${values}]`,
        );
    }
  }
  return drift;
}

export async function readSchemaFiles(names: string[]): Promise<SchemaFiles> {
  const entries = await Promise.all(
    names.map(async (name) => [name, await readFile(path.join(SCHEMA_DIR, name), 'utf8')]),
  );
  return Object.fromEntries(entries);
}

async function main() {
  for (const [name, content] of Object.entries(await composeSchemaFiles())) {
    await writeFile(path.join(SCHEMA_DIR, name), content);
    process.stdout.write(`wrote schema/${name}\n`);
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
