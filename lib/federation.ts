import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import {
  type AccessContext,
  type AccessPolicy,
  type ResolverMap,
  guardResolvers,
  isGranted,
  requirePurpose,
} from './access/policy';
import { inScope } from './access/scope';

const FEDERATION_LINK = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@inaccessible"])
`;

/**
 * `__resolveReference` for each entity this subgraph owns. type-graphql does not know these
 * resolvers, so they are merged in beside its own map.
 */
export type ReferenceResolvers<TContext> = Record<
  string,
  { __resolveReference: (reference: never, context: TContext) => unknown }
>;

/**
 * type-graphql resolvers → a Federation 2 subgraph schema (the shape of type-graphql's example).
 * `access` is checked on every field it names and on every entity reference: both are wrapped
 * here, in the map the schema is built from, since type-graphql knows no `__resolveReference`.
 */
export async function buildFederatedSchema<TContext extends AccessContext>(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  references: ReferenceResolvers<TContext>,
  access: AccessPolicy,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ validate: false, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as ResolverMap;
  guardResolvers(resolvers, access);
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = {
      ...resolvers[typeName],
      __resolveReference: guardedReference(typeName, access, reference.__resolveReference),
    };
  }
  return buildSubgraphSchema({
    typeDefs: gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}

/**
 * An entity reference the caller may not see at all (no field for their role, or a person outside
 * their scope) resolves to null, exactly as one that does not exist; one they may see in part
 * resolves, and its fields are checked one by one.
 */
function guardedReference<TContext extends AccessContext>(
  typeName: string,
  access: AccessPolicy,
  resolve: (reference: never, context: TContext) => unknown,
) {
  const type = access.types[typeName];
  const grants = type ? [...new Set(Object.values(type.fields).flat())] : null;
  return async (reference: never, context: TContext) => {
    if (!grants) return resolve(reference, context);
    requirePurpose(context.request);
    if (!isGranted(context.request, grants)) return null;
    if (!type?.scope) return resolve(reference, context);
    // Asked for whether or not the row exists, so out of scope and absent take as long.
    const [row, scopes] = await Promise.all([resolve(reference, context), context.scopes()]);
    return row && inScope(type, row, scopes) ? row : null;
  };
}
