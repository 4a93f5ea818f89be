import type { SubgraphUnderTest } from '../../../test/support/subgraph';
import { custodyPeriods, educationCourses, openMoj, selectsFrom } from '../testing/fixtures';

type Node = {
  id: string;
  educationCourses: { id: string; subject: string; achieved: boolean | null }[];
};

describe('CustodyPeriod.educationCourses', () => {
  let moj: SubgraphUnderTest;
  beforeAll(async () => {
    moj = await openMoj();
  });
  afterAll(() => moj.close());

  it("gives every period its courses, earliest first, in one SELECT for the page's periods", async () => {
    const result = await moj.execute(`{ custodyPeriods(first: 50) { edges { node {
      id educationCourses { id subject level startDate endDate achieved } } } } }`);

    expect(result.errors).toBeUndefined();
    expect(moj.selects()).toHaveLength(2);
    expect(selectsFrom(moj, 'education_course')).toHaveLength(1);
    const nodes = (result.data?.custodyPeriods as { edges: { node: Node }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes).toHaveLength(custodyPeriods.length);
    for (const node of nodes) {
      const own = educationCourses
        .filter((course) => course.custodyPeriodId === node.id)
        .sort((a, b) => a.startDate.localeCompare(b.startDate));
      expect(node.educationCourses.map((course) => course.id)).toEqual(own.map((c) => c.id));
    }
    // achieved is a nullable boolean: false and null (in progress) must both survive.
    expect(nodes.find((node) => node.id === custodyPeriods[2].id)?.educationCourses).toMatchObject([
      { subject: 'Food hygiene', achieved: false },
      { subject: 'Functional skills maths', achieved: null },
    ]);
  });

  it('loads every child type of every period of many prisoners with one SELECT each', async () => {
    const result = await moj.execute(`{ prisoners(first: 10) { edges { node {
      aliases { id }
      custodyPeriods {
        establishment { code }
        temporaryLicences { id }
        workPlacements { id }
        educationCourses { id }
      }
      latestCustodyPeriod { id }
    } } } }`);

    expect(result.errors).toBeUndefined();
    const tables = [
      'prisoner',
      'prisoner_alias',
      'custody_period',
      'establishment',
      'release_on_temporary_licence',
      'prison_work_placement',
      'education_course',
    ];
    expect(moj.selects()).toHaveLength(tables.length);
    for (const table of tables) expect(selectsFrom(moj, table)).toHaveLength(1);
  });
});
