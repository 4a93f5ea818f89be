import { SeedFaker } from './seed-faker';
import { type Day, toDay, toIso } from './calendar';
import { type LifeStory, drawLifeStory } from './life-story';
import { dwpRecords } from './records/dwp';
import { drawJob } from './records/employment';
import { mojRecords } from './records/moj';
import { type IdentityRecord, type TableRows, type TruthRow, addRow } from './records/rows';
import { type CharityDirectory, planCharityReferral, vcsRecords } from './records/vcs';
import { CHARITIES, ESTABLISHMENTS, HOME_AREAS, SECTORS } from './reference-data';

export interface WorldOptions {
  people: number;
  seed: number;
  /** The day the world is seen from: release dates and outcomes fall either side of it. */
  asOf: string;
}

export const WORLD_DEFAULTS: WorldOptions = { people: 200, seed: 20261123, asOf: '2026-11-01' };

export type ControllerName = 'dwp' | 'moj' | 'vcs';

/** Everything one batch of people adds: each controller's rows, the truth and identity views. */
export interface PeopleBatch {
  rows: Record<ControllerName, TableRows>;
  truth: TruthRow[];
  identities: IdentityRecord[];
  /** People generated so far, this batch included. */
  done: number;
}

const RECENT_PEOPLE = 50;
/** Mixed into the seed for the resettlement stream, so it is not another world's main stream. */
const RESETTLEMENT_STREAM = 0x5e77;
const IPS = 'IPS_EMPLOYMENT_SUPPORT';

/** A deterministic synthetic world: the same options give the same rows, byte for byte. */
export class World {
  readonly reference: Record<ControllerName, TableRows> = { dwp: {}, moj: {}, vcs: {} };
  private readonly faker: SeedFaker;
  /** Resettlement rows' own stream: see mojRecords. */
  private readonly resettlementFaker: SeedFaker;
  private readonly asOf: Day;
  private readonly coaches = new Map<string, string[]>();
  private readonly employerNames: string[] = [];
  private readonly directory: CharityDirectory = { organisations: [], employerIds: [] };

  constructor(readonly options: WorldOptions) {
    this.faker = new SeedFaker(options.seed, new Date(options.asOf));
    this.resettlementFaker = new SeedFaker(
      options.seed ^ RESETTLEMENT_STREAM,
      new Date(options.asOf),
    );
    this.asOf = toDay(options.asOf);
    this.buildReference();
  }

  *people(batchSize = 1000): Generator<PeopleBatch> {
    const recent: LifeStory[] = [];
    let batch = emptyBatch();
    for (let index = 0; index < this.options.people; index++) {
      const story = drawLifeStory(this.faker, index, this.asOf, recent);
      this.addPerson(story, batch);
      recent.push(story);
      if (recent.length > RECENT_PEOPLE) recent.shift();
      if ((index + 1) % batchSize === 0 || index + 1 === this.options.people) {
        batch.done = index + 1;
        yield batch;
        batch = emptyBatch();
      }
    }
  }

  private addPerson(story: LifeStory, batch: PeopleBatch): void {
    const plan = planCharityReferral(this.faker, story, this.asOf, this.directory);
    story.ipsParticipant = plan?.serviceKind === IPS;
    story.job = drawJob(this.faker, story, this.asOf);
    const outputs = {
      moj: mojRecords(this.faker, story, this.asOf, this.employerNames, this.resettlementFaker),
      dwp: dwpRecords(this.faker, story, this.asOf, this.coaches),
      vcs: vcsRecords(this.faker, story, plan, this.asOf, this.directory),
    };
    for (const name of ['dwp', 'moj', 'vcs'] as const) {
      for (const [entity, rows] of Object.entries(outputs[name].rows)) {
        (batch.rows[name][entity] ??= []).push(...rows);
      }
      batch.truth.push(...outputs[name].truth);
      batch.identities.push(...outputs[name].identities);
    }
  }

  private buildReference(): void {
    const { faker, reference } = this;
    for (const e of ESTABLISHMENTS) addRow(reference.moj, 'Establishment', { ...e });
    for (const jobcentre of HOME_AREAS.flatMap((a) => a.jobcentres)) {
      const ids = Array.from({ length: 4 }, (_, i) => {
        const id = faker.recordId();
        addRow(reference.dwp, 'WorkCoach', {
          id,
          name: faker.person.fullName(),
          jobcentre,
          prisonWorkCoach: i === 0,
        });
        return id;
      });
      this.coaches.set(jobcentre, ids);
    }
    for (const charity of CHARITIES) {
      const id = faker.recordId();
      addRow(reference.vcs, 'Organisation', {
        id,
        charityNumber: faker.string.numeric(7),
        name: charity.name,
        region: charity.region,
      });
      const services = charity.services.map((kind) => {
        const serviceId = faker.recordId();
        addRow(reference.vcs, 'CharityService', {
          id: serviceId,
          organisationId: id,
          kind,
          name: `${charity.name}: ${kind.toLowerCase().replaceAll('_', ' ')}`,
        });
        return { id: serviceId, kind };
      });
      this.directory.organisations.push({ id, region: charity.region, services });
    }
    this.buildEmployers();
  }

  private buildEmployers(): void {
    const { faker, reference } = this;
    const employerIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = faker.recordId();
      const name = `${faker.company.name()} ${faker.helpers.arrayElement(['Ltd', 'plc', 'Group', 'Services'])}`;
      const sector = faker.helpers.arrayElement(SECTORS);
      const location = faker.location.city();
      addRow(reference.vcs, 'Employer', {
        id,
        name,
        sector,
        location,
        fairChance: faker.datatype.boolean(0.4),
      });
      employerIds.push(id);
      this.employerNames.push(name);
      for (let v = faker.number.int(4); v > 0; v--) {
        const posted = this.asOf - faker.number.int(120);
        addRow(reference.vcs, 'Vacancy', {
          id: faker.recordId(),
          employerId: id,
          title: faker.person.jobTitle(),
          sector,
          location,
          postedOn: toIso(posted),
          closesOn: faker.datatype.boolean(0.8)
            ? toIso(posted + faker.number.int({ min: 14, max: 60 }))
            : null,
        });
      }
    }
    this.directory.employerIds = employerIds;
  }
}

function emptyBatch(): PeopleBatch {
  return { rows: { dwp: {}, moj: {}, vcs: {} }, truth: [], identities: [], done: 0 };
}
