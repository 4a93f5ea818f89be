import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';

const FEDERATION_LINK = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@inaccessible"])
`;

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * `__resolveReference` for each entity this subgraph owns. type-graphql does not know these
 * resolvers, so they are merged in beside its own map.
 */
export type ReferenceResolvers<TContext> = Record<
  string,
  { __resolveReference: (reference: never, context: TContext) => unknown }
>;

/** type-graphql resolvers → a Federation 2 subgraph schema (the shape of type-graphql's example). */
export async function buildFederatedSchema<TContext>(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  references: ReferenceResolvers<TContext>,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ validate: false, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}
