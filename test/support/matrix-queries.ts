import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type GraphQLObjectType,
  type GraphQLSchema,
  buildASTSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import { accessMatrix } from '../../lib/access/matrix';
import { type AccessPolicy, type Grant, type TypeAccess, isGranted } from '../../lib/access/policy';
import { Purpose, type RequestContext, Role } from '../../lib/auth/roles';
import { SCHEMA_DIR } from '../../lib/paths';
import type { SubgraphName } from '../../lib/subgraphs';
import { type DemoPerson, type DemoWorld, charitiesSharing, demoPerson } from '../../seed/demo';
import { DWP_ACCESS } from '../../subgraphs/dwp/access';
import { IDENTITY_ACCESS } from '../../subgraphs/identity/access';
import { SOURCE_OF_KIND } from '../../subgraphs/identity/linking/source-record';
import { LinkedRecordKind } from '../../subgraphs/identity/person/person-link.entity';
import { MOJ_ACCESS } from '../../subgraphs/moj/access';
import { VCS_ACCESS } from '../../subgraphs/vcs/access';

// The role × data matrix as queries: for each field a policy names, a route to it through the
// gateway from a root a caller may use, a person of the demo world whose rows hold it, and what
// each caller should get, worked out from the same policies the subgraphs enforce.

/** The policies the README's access table is made from, by subgraph (its order). */
export const POLICIES: Record<SubgraphName, AccessPolicy> = {
  dwp: DWP_ACCESS,
  moj: MOJ_ACCESS,
  vcs: VCS_ACCESS,
  identity: IDENTITY_ACCESS,
};

/** One column of the README's table: a role reading for one purpose. */
export interface MatrixCaller {
  title: string;
  role: Role;
  purpose: Purpose;
}

export const CALLERS: readonly MatrixCaller[] = [
  { title: 'Coordinator', role: Role.COORDINATOR, purpose: Purpose.EMPLOYMENT_SUPPORT },
  {
    title: 'Jobcentre adviser',
    role: Role.JOBCENTRE_ADVISER,
    purpose: Purpose.EMPLOYMENT_SUPPORT,
  },
  { title: 'Reporting', role: Role.REPORTING, purpose: Purpose.STATISTICS },
  { title: 'Steward, link review', role: Role.DATA_STEWARD, purpose: Purpose.LINKAGE_REVIEW },
  {
    title: 'Steward, subject access',
    role: Role.DATA_STEWARD,
    purpose: Purpose.SUBJECT_ACCESS,
  },
];

/** The organisation of every token but a coordinator's, whose is the person's charity. */
export const OTHER_ORGANISATION = 'test-organisation';

export function requestOf(caller: MatrixCaller, organisation: string): RequestContext {
  return {
    caller: {
      subject: `matrix-${caller.role.toLowerCase()}`,
      role: caller.role,
      organisation,
      purposes: [caller.purpose],
    },
    purpose: caller.purpose,
    requestId: 'access-matrix',
  };
}

/** The README table's header and ticks, as `accessMatrix` makes them from the policies. */
export function readmeTable(): {
  columns: string[];
  tick: (cell: CellKey, column: number) => boolean;
} {
  const [header, , ...rows] = accessMatrix(POLICIES)
    .split('\n')
    .map((line) =>
      line
        .slice(2, -2)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  const ticks = new Map<string, boolean[]>();
  for (const [subgraph, type, fields, ...marks] of rows) {
    for (const field of fields.split(', ')) {
      ticks.set(
        `${subgraph} ${type}.${field.replace(/\*$/, '')}`,
        marks.map((m) => m === '✓'),
      );
    }
  }
  return {
    columns: header.slice(3),
    tick: (cell, column) => {
      const marks = ticks.get(`${cell.subgraph} ${cell.type}.${cell.field}`);
      if (!marks) throw new Error(`the README table has no row for ${cell.type}.${cell.field}`);
      return marks[column];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Routes: how a query reaches each person-level type through the gateway.

/** A field read on the way to a cell (or the cell itself), checked by `subgraph`'s policy. */
export interface Step {
  subgraph: SubgraphName;
  type: string;
  field: string;
  /** Arguments as GraphQL, with the parentheses. */
  args?: string;
}

export type Row = Record<string, unknown>;

export interface Route {
  /** From the root field (first) to the field whose value is an object or list of the type. */
  steps: (person: DemoPerson) => Step[];
  /** The seed's rows of the type this route reaches for a person; absent for identity's own. */
  rows?: (world: DemoWorld, person: DemoPerson) => Row[];
  /** Whether the route reaches anything for a person, when `rows` cannot say. */
  reaches?: (person: DemoPerson) => boolean;
  /** Fields nothing the route reaches can hold: allowed, they are only checked not refused. */
  unheld?: readonly string[];
}

const quote = (value: string) => JSON.stringify(value);
const step = (subgraph: SubgraphName, type: string, field: string, args?: string): Step => ({
  subgraph,
  type,
  field,
  args,
});
const recordsOf = (person: DemoPerson, kind: LinkedRecordKind) =>
  person.records.filter((r) => r.recordKind === kind).map((r) => r.recordId);
const firstRecord = (person: DemoPerson, kind: LinkedRecordKind) =>
  recordsOf(person, kind)[0] ?? 'none';

const table = (world: DemoWorld, subgraph: 'dwp' | 'moj' | 'vcs', entity: string) =>
  (world.rows[subgraph][entity] ?? []) as Row[];
const where = (rows: Row[], column: string, values: unknown[]) =>
  rows.filter((row) => values.includes(row[column]));

const personRoot = (p: DemoPerson) => step('identity', 'Query', 'person', `(id: ${quote(p.id)})`);
const viaPerson =
  (...rest: [SubgraphName, string, string][]) =>
  (p: DemoPerson) => [personRoot(p), ...rest.map(([s, type, field]) => step(s, type, field))];

const claimants = (w: DemoWorld, p: DemoPerson) =>
  where(table(w, 'dwp', 'Claimant'), 'nino', recordsOf(p, LinkedRecordKind.DWP_CLAIMANT));
const prisoners = (w: DemoWorld, p: DemoPerson) =>
  where(table(w, 'moj', 'Prisoner'), 'prisonNumber', recordsOf(p, LinkedRecordKind.MOJ_PRISONER));
const probationCases = (w: DemoWorld, p: DemoPerson) =>
  where(table(w, 'moj', 'ProbationCase'), 'crn', recordsOf(p, LinkedRecordKind.MOJ_PROBATION_CASE));
const supportRecords = (w: DemoWorld, p: DemoPerson) =>
  where(table(w, 'vcs', 'SupportRecord'), 'id', recordsOf(p, LinkedRecordKind.VCS_SUPPORT_RECORD));
const custodyPeriods = (w: DemoWorld, p: DemoPerson) =>
  where(
    table(w, 'moj', 'CustodyPeriod'),
    'prisonNumber',
    recordsOf(p, LinkedRecordKind.MOJ_PRISONER),
  );

const claimantsOwn = (entity: string) => (w: DemoWorld, p: DemoPerson) =>
  where(table(w, 'dwp', entity), 'nino', recordsOf(p, LinkedRecordKind.DWP_CLAIMANT));
const custodyOwn = (entity: string) => (w: DemoWorld, p: DemoPerson) =>
  where(
    table(w, 'moj', entity),
    'custodyPeriodId',
    custodyPeriods(w, p).map((r) => r.id),
  );
const supportOwn = (entity: string) => (w: DemoWorld, p: DemoPerson) =>
  where(
    table(w, 'vcs', entity),
    'supportRecordId',
    recordsOf(p, LinkedRecordKind.VCS_SUPPORT_RECORD),
  );

const CLAIMANT: [SubgraphName, string, string] = ['identity', 'Person', 'claimant'];
const PRISONER: [SubgraphName, string, string] = ['identity', 'Person', 'prisoner'];
const CUSTODY: [SubgraphName, string, string] = ['moj', 'Prisoner', 'custodyPeriods'];
const PROBATION: [SubgraphName, string, string] = ['identity', 'Person', 'probationCase'];
const SUPPORT: [SubgraphName, string, string] = ['identity', 'Person', 'supportRecords'];

/** A route to each person-level type a policy names, by GraphQL type name. */
export const ROUTES: Record<string, Route> = {
  Person: {
    steps: (p) => [personRoot(p)],
    rows: (_, p) => [
      { id: p.id, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth },
    ],
  },
  PersonLink: { steps: viaPerson(['identity', 'Person', 'links']), rows: (_, p) => p.records },
  Claimant: { steps: viaPerson(CLAIMANT), rows: claimants },
  BenefitClaim: {
    steps: viaPerson(CLAIMANT, ['dwp', 'Claimant', 'benefitClaims']),
    rows: claimantsOwn('BenefitClaim'),
  },
  JobcentreAppointment: {
    steps: viaPerson(CLAIMANT, ['dwp', 'Claimant', 'appointments']),
    rows: claimantsOwn('JobcentreAppointment'),
  },
  ProgrammeReferral: {
    steps: viaPerson(CLAIMANT, ['dwp', 'Claimant', 'programmeReferrals']),
    rows: claimantsOwn('ProgrammeReferral'),
  },
  EmploymentOutcome: {
    steps: viaPerson(CLAIMANT, ['dwp', 'Claimant', 'employmentOutcomes']),
    rows: claimantsOwn('EmploymentOutcome'),
  },
  Prisoner: { steps: viaPerson(PRISONER), rows: prisoners },
  PrisonerAlias: {
    steps: viaPerson(PRISONER, ['moj', 'Prisoner', 'aliases']),
    rows: (w, p) =>
      where(
        table(w, 'moj', 'PrisonerAlias'),
        'prisonNumber',
        recordsOf(p, LinkedRecordKind.MOJ_PRISONER),
      ),
  },
  CustodyPeriod: { steps: viaPerson(PRISONER, CUSTODY), rows: custodyPeriods },
  EducationCourse: {
    steps: viaPerson(PRISONER, CUSTODY, ['moj', 'CustodyPeriod', 'educationCourses']),
    rows: custodyOwn('EducationCourse'),
  },
  PrisonWorkPlacement: {
    steps: viaPerson(PRISONER, CUSTODY, ['moj', 'CustodyPeriod', 'workPlacements']),
    rows: custodyOwn('PrisonWorkPlacement'),
  },
  ReleaseOnTemporaryLicence: {
    steps: viaPerson(PRISONER, CUSTODY, ['moj', 'CustodyPeriod', 'temporaryLicences']),
    rows: custodyOwn('ReleaseOnTemporaryLicence'),
  },
  ProbationCase: { steps: viaPerson(PROBATION), rows: probationCases },
  LicenceCondition: {
    steps: viaPerson(PROBATION, ['moj', 'ProbationCase', 'licenceConditions']),
    rows: (w, p) =>
      where(
        table(w, 'moj', 'LicenceCondition'),
        'crn',
        recordsOf(p, LinkedRecordKind.MOJ_PROBATION_CASE),
      ),
  },
  SupportRecord: { steps: viaPerson(SUPPORT), rows: supportRecords },
  Referral: {
    steps: viaPerson(SUPPORT, ['vcs', 'SupportRecord', 'referrals']),
    rows: supportOwn('Referral'),
  },
  Engagement: {
    steps: viaPerson(SUPPORT, ['vcs', 'SupportRecord', 'engagements']),
    rows: supportOwn('Engagement'),
  },
  SupportOutcome: {
    steps: viaPerson(SUPPORT, ['vcs', 'SupportRecord', 'outcomes']),
    rows: supportOwn('SupportOutcome'),
  },
  Consent: {
    steps: viaPerson(SUPPORT, ['vcs', 'SupportRecord', 'consents']),
    rows: supportOwn('Consent'),
  },
  // The seed records no readiness, so every item reached is NOT_STARTED but the derived referral
  // item, which a person with a taken or pending referral holds (recordedAt, the referral's date).
  ReadinessItem: {
    steps: viaPerson(SUPPORT, ['vcs', 'SupportRecord', 'readiness']),
    reaches: (p) => recordsOf(p, LinkedRecordKind.VCS_SUPPORT_RECORD).length > 0,
    unheld: ['recordedBy', 'note'],
  },
  // The review the test decides (rejects) before reading, so decidedBy and decidedAt are set.
  LinkReview: {
    steps: () => [
      step('identity', 'Query', 'linkReviews', '(first: 1, status: REJECTED)'),
      step('identity', 'LinkReviewConnection', 'edges'),
      step('identity', 'LinkReviewEdge', 'node'),
    ],
    reaches: () => true,
  },
  // The restriction the test sets before reading. Lifted ones are not listed, so no restriction
  // read here has liftedBy or liftedAt.
  AccessRestriction: {
    steps: () => [step('identity', 'Query', 'accessRestrictions')],
    reaches: () => true,
    unheld: ['liftedBy', 'liftedAt'],
  },
  PersonSearchResult: {
    steps: (p) => [
      step(
        'identity',
        'Query',
        'people',
        `(first: 1, search: { nino: ${quote(firstRecord(p, LinkedRecordKind.DWP_CLAIMANT))} })`,
      ),
      step('identity', 'PersonSearchConnection', 'edges'),
      step('identity', 'PersonSearchResultEdge', 'node'),
    ],
    reaches: (p) => recordsOf(p, LinkedRecordKind.DWP_CLAIMANT).length > 0,
  },
};

/**
 * The controllers' own roots for their entities. Through `person`, a key identity also declares
 * (Claimant.nino, …) is answered by identity; these reach the controller's own field.
 */
export const OWN_ROOTS: Record<string, Route> = {
  Claimant: {
    steps: (p) => [
      step(
        'dwp',
        'Query',
        'claimant',
        `(nino: ${quote(firstRecord(p, LinkedRecordKind.DWP_CLAIMANT))})`,
      ),
    ],
    rows: claimants,
  },
  Prisoner: {
    steps: (p) => [
      step(
        'moj',
        'Query',
        'prisoner',
        `(prisonNumber: ${quote(firstRecord(p, LinkedRecordKind.MOJ_PRISONER))})`,
      ),
    ],
    rows: prisoners,
  },
  ProbationCase: {
    steps: (p) => [
      step(
        'moj',
        'Query',
        'probationCase',
        `(crn: ${quote(firstRecord(p, LinkedRecordKind.MOJ_PROBATION_CASE))})`,
      ),
    ],
    rows: probationCases,
  },
  SupportRecord: {
    steps: (p) => [
      step(
        'vcs',
        'Query',
        'supportRecord',
        `(id: ${quote(firstRecord(p, LinkedRecordKind.VCS_SUPPORT_RECORD))})`,
      ),
    ],
    rows: supportRecords,
  },
};

export function routeFor(subgraph: SubgraphName, type: string, field: string): Route | undefined {
  const declaredByIdentity = IDENTITY_ACCESS.types[type]?.fields[field] !== undefined;
  if (subgraph !== 'identity' && declaredByIdentity) return OWN_ROOTS[type];
  return ROUTES[type];
}

/** The key a review's records are named by (`dwp:AB123456C`), for each of a person's records. */
export const recordKeysOf = (person: DemoPerson) =>
  person.records.map((r) => `${SOURCE_OF_KIND[r.recordKind]}:${r.recordId}`);

// ---------------------------------------------------------------------------------------------
// What the policies say each caller gets.

export type Outcome =
  | { allowed: true }
  /** Refused at `at` ('Type.field'): that field is null with a FORBIDDEN error naming it. */
  | { allowed: false; at: string; hidden: false }
  /** The entity under `at` resolves to null, as one that does not exist: no field of it is theirs. */
  | { allowed: false; at: string; hidden: true };

function grantsOf(s: Step): readonly Grant[] | null {
  const policy = POLICIES[s.subgraph];
  if (s.type === 'Query' || s.type === 'Mutation') return policy.roots[s.field] ?? null;
  const type = policy.types[s.type];
  // A type the policy does not list is reference data; a listed type's unlisted field is closed.
  return type ? (type.fields[s.field] ?? []) : null;
}

function stepGranted(s: Step, request: RequestContext): boolean {
  const grants = grantsOf(s);
  return grants === null || isGranted(request, grants);
}

/** Whether a controller's entity, reached from another subgraph, resolves at all for them. */
function entityVisible(s: Step, request: RequestContext): boolean {
  const type = POLICIES[s.subgraph].types[s.type];
  if (!type) return true;
  return isGranted(request, [...new Set(Object.values(type.fields).flat())]);
}

/** The first step of the chain the caller may not take, or allowed. */
export function outcomeOf(chain: Step[], request: RequestContext): Outcome {
  let previous: Step | undefined;
  for (const s of chain) {
    const crossing = previous && previous.subgraph !== s.subgraph && s.type !== 'Query';
    if (previous && crossing && !entityVisible(s, request))
      return { allowed: false, at: `${previous.type}.${previous.field}`, hidden: true };
    if (!stepGranted(s, request))
      return { allowed: false, at: `${s.type}.${s.field}`, hidden: false };
    previous = s;
  }
  return { allowed: true };
}

// ---------------------------------------------------------------------------------------------
// The schema, for what to select under a field whose value is an object.

let supergraph: GraphQLSchema | undefined;
export function schema(): GraphQLSchema {
  supergraph ??= buildASTSchema(
    parse(readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8')),
    { assumeValidSDL: true },
  );
  return supergraph;
}

export function fieldExists(type: string, field: string): boolean {
  const named = schema().getType(type);
  return isObjectType(named) && field in named.getFields();
}

/**
 * What to read under a field whose value is an object: one scalar of it the caller may read (an
 * id first), so the answer shows the object arrived and whose it is; null for a leaf.
 */
export function subSelection(
  target: Step,
  request: RequestContext,
): { step: Step | null; field: string } | null {
  if (!fieldExists(target.type, target.field)) return null;
  const parent = schema().getType(target.type) as GraphQLObjectType;
  const type = getNamedType(parent.getFields()[target.field].type);
  if (isLeafType(type) || !isObjectType(type)) return null;
  const fields = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)));
  const ordered = [
    ...fields.filter((f) => f.name === 'id'),
    ...fields.filter((f) => f.name !== 'id' && isNonNullType(f.type)),
    ...fields.filter((f) => f.name !== 'id' && !isNonNullType(f.type)),
  ];
  for (const f of ordered) {
    const owner =
      [target.subgraph, ...(Object.keys(POLICIES) as SubgraphName[])].find(
        (s) => POLICIES[s].types[type.name]?.fields[f.name] !== undefined,
      ) ?? target.subgraph;
    const sub = step(owner, type.name, f.name);
    if (stepGranted(sub, request)) return { step: sub, field: f.name };
  }
  return { step: null, field: '__typename' };
}

// ---------------------------------------------------------------------------------------------
// Cells.

export interface CellKey {
  subgraph: SubgraphName;
  type: string;
  field: string;
}

export interface MatrixCell extends CellKey {
  /** The GraphQL alias this cell is read under, the same for every caller. */
  alias: string;
  route: Route | undefined;
  conditioned: boolean;
}

export function matrixCells(): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const [subgraph, policy] of Object.entries(POLICIES) as [SubgraphName, AccessPolicy][]) {
    for (const [type, access] of Object.entries(policy.types)) {
      for (const field of Object.keys(access.fields)) {
        cells.push({
          subgraph,
          type,
          field,
          alias: `c${cells.length}`,
          route: routeFor(subgraph, type, field),
          conditioned: access.conditions?.[field] !== undefined,
        });
      }
    }
  }
  return cells;
}

/** A route's steps for a person, the cell's field, and what is read under it for this caller. */
export function chainOf(cell: MatrixCell, person: DemoPerson, request: RequestContext) {
  const route = cell.route as Route;
  const target = step(cell.subgraph, cell.type, cell.field);
  const sub = subSelection(target, request);
  const steps = route.steps(person);
  const chain = [...steps, target, ...(sub?.step ? [sub.step] : [])];
  return { steps, target, sub, chain };
}

/** The GraphQL for one cell under its alias: the route, then the field (and one of its scalars). */
export function selectionOf(
  cell: MatrixCell,
  person: DemoPerson,
  request: RequestContext,
  /** What to read on the type instead of the cell's field alone. */
  fields?: string,
) {
  const { steps, sub } = chainOf(cell, person, request);
  let inner = fields ?? (sub ? `${cell.field} { ${sub.field} }` : cell.field);
  for (let i = steps.length - 1; i > 0; i--) inner = `${steps[i].field} { ${inner} }`;
  return `${cell.alias}: ${steps[0].field}${steps[0].args ?? ''} { ${inner} }`;
}

/**
 * Whether the route's root field is non-null: a refusal there nulls the whole answer, every
 * other alias's with it, so such a cell is read in a request of its own.
 */
export function rootIsNonNull(cell: MatrixCell, person: DemoPerson): boolean {
  const root = (cell.route as Route).steps(person)[0];
  const query = schema().getQueryType() as GraphQLObjectType;
  return isNonNullType(query.getFields()[root.field].type);
}

/** The fields from the root's value down to the cell's field, to find its values in an answer. */
export function pathOf(cell: MatrixCell, person: DemoPerson): string[] {
  const steps = (cell.route as Route).steps(person);
  return [...steps.slice(1).map((s) => s.field), cell.field];
}

/** The cell's values in an answer: one per object the route reaches (lists flattened). */
export function valuesAt(root: unknown, fields: string[]): unknown[] {
  let current: unknown[] = [root];
  for (const field of fields) {
    current = current
      .flatMap(flatten)
      .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
      .map((object) => object[field]);
  }
  return current;
}

export const flatten = (value: unknown): unknown[] =>
  Array.isArray(value) ? value.flatMap(flatten) : [value];

/** Every scalar in an answer (null included), depth first. */
export function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves);
  return [value];
}

// ---------------------------------------------------------------------------------------------
// Choosing, for each cell, a person of the demo world whose rows hold the field.

/**
 * A context good enough for a policy's row conditions, from the seed: `loaders.<type>ById` finds
 * a row of that type by id. Anything else a condition reads fails loudly.
 */
export function conditionContext(world: DemoWorld, request: RequestContext) {
  const loaders = new Proxy(
    {},
    {
      get: (_, name) => {
        const match = /^(\w+)ById$/.exec(String(name));
        if (!match) throw new Error(`the matrix cannot evaluate context.loaders.${String(name)}`);
        const entity = match[1][0].toUpperCase() + match[1].slice(1);
        const rows = (['dwp', 'moj', 'vcs'] as const).flatMap((s) => table(world, s, entity));
        return { load: async (id: string) => rows.find((row) => row.id === id) ?? null };
      },
    },
  );
  return { request, loaders };
}

export interface Placement {
  person: DemoPerson;
  /** The coordinator's organisation: the first charity that shares this person. */
  organisation: string;
  /** The seed's rows of the type the route reaches, when the seed holds them. */
  rows: Row[] | null;
}

export class PersonChooser {
  private readonly candidates: DemoPerson[];
  private readonly sharing = new Map<string, string[]>();

  constructor(private readonly world: DemoWorld) {
    const first = demoPerson(world);
    const rest = world.people
      .filter((p) => p.id !== first.id)
      .sort((a, b) => a.id.localeCompare(b.id));
    this.candidates = [first, ...rest];
  }

  charities(person: DemoPerson): string[] {
    if (!this.sharing.has(person.id))
      this.sharing.set(person.id, charitiesSharing(this.world, person));
    return this.sharing.get(person.id) as string[];
  }

  /**
   * The first person (the demo person, then by id) a coordinator may see, whom the route reaches,
   * whose rows hold a value of the field (if the seed holds it), and for whose rows every row
   * condition lets through each caller the policy grants the field.
   */
  async choose(cell: MatrixCell): Promise<Placement | string> {
    const route = cell.route;
    if (!route) return `no route reaches ${cell.type}: add one to test/support/matrix-queries.ts`;
    const access = POLICIES[cell.subgraph].types[cell.type] as TypeAccess<Row, unknown>;
    const condition = access.conditions?.[cell.field];
    for (const person of this.candidates) {
      const organisation = this.charities(person)[0];
      if (!organisation) continue;
      const rows = route.rows ? route.rows(this.world, person) : null;
      if (rows ? rows.length === 0 : !route.reaches?.(person)) continue;
      const unheld = route.unheld?.includes(cell.field);
      if (rows && !unheld && !holdsField(this.world, cell, person, rows)) continue;
      if (condition && rows && !(await conditionsPass(this.world, cell, rows, organisation)))
        continue;
      return { person, organisation, rows };
    }
    return `no person in the demo world holds ${cell.type}.${cell.field} for every caller it is granted to`;
  }

  /**
   * For a field with a row condition: the first person a coordinator may see with rows the
   * condition refuses this caller and rows it lets through (failing that, any it refuses), with
   * its verdict on each row; null if the condition refuses the caller no row.
   */
  async chooseRefused(
    cell: MatrixCell,
    caller: MatrixCaller,
  ): Promise<(Placement & { rows: Row[]; refusals: (string | null)[] }) | null> {
    let fallback: (Placement & { rows: Row[]; refusals: (string | null)[] }) | null = null;
    for (const person of this.candidates) {
      const organisation = this.charities(person)[0];
      const rows = organisation && cell.route?.rows ? cell.route.rows(this.world, person) : [];
      if (!rows.length) continue;
      const request = requestOf(caller, organisationFor(caller, organisation));
      const refusals = await conditionRefusals(this.world, cell, rows, request);
      const refused = refusals.filter((r) => r !== null).length;
      if (!refused) continue;
      const found = { person, organisation, rows, refusals };
      if (refused < rows.length) return found;
      fallback ??= found;
    }
    return fallback;
  }
}

/**
 * Whether the rows hold a value of the field: a column not null in some row; a reference held by
 * id (`workCoach` by `workCoachId`) not null in some row; a list with a route of its own, not
 * empty; anything else is taken on trust (the test fails if it does not arrive).
 */
function holdsField(world: DemoWorld, cell: MatrixCell, person: DemoPerson, rows: Row[]): boolean {
  const some = (column: string) => rows.some((row) => row[column] != null);
  if (cell.field in rows[0]) return some(cell.field);
  for (const column of [`${cell.field}Id`, `${cell.field}Code`]) {
    if (column in rows[0]) return some(column);
  }
  const children = Object.values(ROUTES).filter((route) => {
    const steps = route.steps(person);
    const last = steps[steps.length - 1];
    return last.type === cell.type && last.field === cell.field;
  });
  return children.every((route) => (route.rows?.(world, person).length ?? 1) > 0);
}

async function conditionsPass(
  world: DemoWorld,
  cell: MatrixCell,
  rows: Row[],
  organisation: string,
): Promise<boolean> {
  const access = POLICIES[cell.subgraph].types[cell.type] as TypeAccess<Row, unknown>;
  const condition = access.conditions?.[cell.field];
  if (!condition) return true;
  for (const caller of CALLERS) {
    const request = requestOf(caller, organisationFor(caller, organisation));
    if (!isGranted(request, access.fields[cell.field])) continue;
    for (const row of rows) {
      if (await condition(row, conditionContext(world, request) as never)) return false;
    }
  }
  return true;
}

export const organisationFor = (caller: MatrixCaller, personsCharity: string) =>
  caller.role === Role.COORDINATOR ? personsCharity : OTHER_ORGANISATION;

/** What a row condition says for each row, for a caller: null where it lets the field through. */
export async function conditionRefusals(
  world: DemoWorld,
  cell: CellKey,
  rows: Row[],
  request: RequestContext,
): Promise<(string | null)[]> {
  const access = POLICIES[cell.subgraph].types[cell.type] as TypeAccess<Row, unknown>;
  const condition = access.conditions?.[cell.field];
  return Promise.all(
    rows.map(async (row) =>
      condition ? await condition(row, conditionContext(world, request) as never) : null,
    ),
  );
}
