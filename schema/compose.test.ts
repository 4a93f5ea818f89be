import { Kind, parse } from 'graphql';
import { composeSchemaFiles, enumDrift, readSchemaFiles } from './compose';

describe('checked-in schema files', () => {
  it('match what `npm run compose` would write from the subgraphs now', async () => {
    const composed = await composeSchemaFiles();
    const checkedIn = await readSchemaFiles(Object.keys(composed));

    for (const name of Object.keys(composed)) {
      // A failure here means: run `npm run compose` and commit schema/.
      expect({ file: name, content: checkedIn[name] }).toEqual({
        file: name,
        content: composed[name],
      });
    }
  });

  it('join every domain entity to Person in the supergraph', async () => {
    const { 'supergraph.graphql': supergraph } = await composeSchemaFiles();

    expect(supergraph).toContain('@join__type(graph: DWP, key: "nino")');
    expect(supergraph).toContain('@join__type(graph: MOJ, key: "prisonNumber")');
    expect(supergraph).toContain('@join__type(graph: MOJ, key: "crn")');
    expect(supergraph).toContain('@join__type(graph: VCS, key: "id")');
  });

  it('keep the identity feeds, and their types, out of the public API', async () => {
    const { 'supergraph.graphql': supergraph } = await composeSchemaFiles();
    const types = new Map(
      parse(supergraph)
        .definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION)
        .map((type) => [type.name.value, type]),
    );
    const names = (directives: readonly { name: { value: string } }[] = []) =>
      directives.map((directive) => directive.name.value);
    const queryField = (name: string) =>
      types.get('Query')?.fields?.find((field) => field.name.value === name);

    for (const field of [
      'claimantIdentityFeed',
      'prisonerIdentityFeed',
      'probationCaseIdentityFeed',
      'supportRecordIdentityFeed',
    ]) {
      expect({ field, directives: names(queryField(field)?.directives) }).toEqual({
        field,
        directives: expect.arrayContaining(['inaccessible']),
      });
    }
    for (const type of ['IdentityFeedPage', 'IdentityFeedRecord', 'IdentityFeedName']) {
      expect({ type, directives: names(types.get(type)?.directives) }).toEqual({
        type,
        directives: expect.arrayContaining(['inaccessible']),
      });
    }
  });

  it('refuse an enum whose copies in two subgraphs have drifted apart', () => {
    const service = (name: string, values: string) => ({
      name,
      typeDefs: parse(`enum Sector { ${values} }`),
    });

    expect(enumDrift([service('dwp', 'RETAIL CARE'), service('vcs', 'CARE RETAIL')])).toEqual([]);
    expect(enumDrift([service('dwp', 'RETAIL CARE'), service('vcs', 'RETAIL')])).toEqual([
      'enum Sector differs: dwp has [CARE, RETAIL], vcs has [RETAIL]',
    ]);
  });
});
