import 'reflect-metadata';
import { type GraphQLSchema, isObjectType } from 'graphql';
import type { AccessPolicy } from '../lib/access/policy';
import { DWP_ACCESS } from '../subgraphs/dwp/access';
import { buildDwpSchema } from '../subgraphs/dwp/schema';
import { IDENTITY_ACCESS } from '../subgraphs/identity/access';
import { buildIdentitySchema } from '../subgraphs/identity/schema';
import { MOJ_ACCESS } from '../subgraphs/moj/access';
import { buildMojSchema } from '../subgraphs/moj/schema';
import { VCS_ACCESS } from '../subgraphs/vcs/access';
import { buildVcsSchema } from '../subgraphs/vcs/schema';

const SUBGRAPHS: [string, AccessPolicy, () => Promise<GraphQLSchema>][] = [
  ['dwp', DWP_ACCESS, buildDwpSchema],
  ['moj', MOJ_ACCESS, buildMojSchema],
  ['vcs', VCS_ACCESS, buildVcsSchema],
  ['identity', IDENTITY_ACCESS, buildIdentitySchema],
];

describe.each(SUBGRAPHS)('%s access policy', (_name, policy, build) => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await build();
  });

  it('names every field of each person-level type, so none is refused by oversight', () => {
    for (const [typeName, access] of Object.entries(policy.types)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type here`);
      expect({ typeName, fields: Object.keys(type.getFields()).sort() }).toEqual({
        typeName,
        fields: Object.keys(access.fields).sort(),
      });
    }
  });

  it('names only root fields the schema has', () => {
    const roots = {
      ...schema.getQueryType()?.getFields(),
      ...schema.getMutationType()?.getFields(),
    };
    for (const field of Object.keys(policy.roots)) expect(Object.keys(roots)).toContain(field);
  });

  it('makes nullable every field some reader of its type may be refused', () => {
    const nonNull: string[] = [];
    for (const [typeName, access] of Object.entries(policy.types)) {
      const fields = (
        schema.getType(typeName) as { getFields(): Record<string, { type: unknown }> }
      ).getFields();
      const everyone = new Set(Object.values(access.fields).flat());
      for (const [field, grants] of Object.entries(access.fields)) {
        const narrower = grants.length < everyone.size || access.conditions?.[field];
        const type = String(fields[field]?.type);
        if (narrower && type.endsWith('!')) nonNull.push(`${typeName}.${field}: ${type}`);
      }
    }
    expect(nonNull).toEqual([]);
  });
});
