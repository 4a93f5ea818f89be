import 'reflect-metadata';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { CONTROLLER_SCOPED_KINDS } from '../lib/access/handed-scope';
import type { AccessPolicy } from '../lib/access/policy';
import { scopedKinds } from '../lib/access/scope';
import { DWP_ACCESS } from '../subgraphs/dwp/access';
import { buildDwpSchema } from '../subgraphs/dwp/schema';
import { IDENTITY_ACCESS } from '../subgraphs/identity/access';
import { buildIdentitySchema } from '../subgraphs/identity/schema';
import { MOJ_ACCESS } from '../subgraphs/moj/access';
import { buildMojSchema } from '../subgraphs/moj/schema';
import { VCS_ACCESS } from '../subgraphs/vcs/access';
import { buildVcsSchema } from '../subgraphs/vcs/schema';
import { CHARITY_CASEWORK } from '../subgraphs/identity/timeline/timeline.resolver';

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

describe('the scopes identity hands the controllers', () => {
  it.each(SUBGRAPHS.filter(([name]) => name !== 'identity'))(
    "cover exactly the kinds %s's policy scopes",
    (name, policy) => {
      expect([...(CONTROLLER_SCOPED_KINDS[name as 'dwp'] ?? [])].sort()).toEqual(
        scopedKinds(policy),
      );
    },
  );
});

describe("the merged timeline's rules", () => {
  // Identity composes the timeline, but the controllers decide who may see their rows: each kind
  // identity limits must be limited exactly as the field it comes from, and no other may be.
  const SOURCES: Record<string, readonly string[]> = {
    ENGAGEMENT: VCS_ACCESS.types.SupportRecord.fields.engagements,
    CONSENT_WITHDRAWN: VCS_ACCESS.types.SupportRecord.fields.consents,
  };

  it('limits each charity-casework kind to whoever vcs shows it to', () => {
    const limited = Object.fromEntries(
      Object.entries(CHARITY_CASEWORK).map(([kind, grants]) => [kind, [...grants].sort()]),
    );
    const expected = Object.fromEntries(
      Object.entries(SOURCES).map(([kind, grants]) => [kind, [...grants].sort()]),
    );
    expect(limited).toEqual(expected);
  });

  it('shows every other kind to whoever may read the records it comes from', () => {
    const casework = IDENTITY_ACCESS.types.Person.fields.timeline;
    for (const [type, field] of [
      [DWP_ACCESS, 'appointments'],
      [DWP_ACCESS, 'benefitClaims'],
      [MOJ_ACCESS, 'custodyPeriods'],
      [VCS_ACCESS, 'referrals'],
      [VCS_ACCESS, 'outcomes'],
    ] as const) {
      const holder =
        type === MOJ_ACCESS ? 'Prisoner' : type === DWP_ACCESS ? 'Claimant' : 'SupportRecord';
      expect({ field, grants: [...type.types[holder].fields[field]].sort() }).toEqual({
        field,
        grants: [...casework].sort(),
      });
    }
  });
});
