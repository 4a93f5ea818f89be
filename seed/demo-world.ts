import { Faker, base, en, en_GB } from '@faker-js/faker';
import { SupportService, SupportStatus } from '../subgraphs/vcs/support/support-record.entity';

const ESTABLISHMENTS = ['HMP Berwyn', 'HMP Leeds', 'HMP Nottingham', 'HMP Thameside', 'HMP Styal'];
const PROBATION_REGIONS = ['Wales', 'Yorkshire and the Humber', 'East Midlands', 'London'];
const JOBCENTRES = ['Wrexham Jobcentre', 'Leeds City Jobcentre', 'Nottingham Station Street'];
const CHARITIES = ['Second Chance Works', 'Fresh Start Mentoring', 'Open Gate Employment'];
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';

export interface DemoSupportRecord {
  id: string;
  organisationName: string;
  service: SupportService;
  status: SupportStatus;
  referredOn: string;
}

/** One synthetic human and every native record the three controllers hold about them. */
export interface DemoPerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  claimant: { nino: string; jobcentre: string } | null;
  prisoner: { prisonNumber: string; pncNumber: string; establishment: string; releaseDate: string };
  probationCase: { crn: string; practitionerName: string; probationRegion: string } | null;
  supportRecords: DemoSupportRecord[];
}

export interface DemoWorldOptions {
  people: number;
  seed: number;
  /** Release dates fall either side of this day, so the demo reads the same on any day. */
  referenceDate: string;
}

export const DEMO_DEFAULTS: DemoWorldOptions = {
  people: 25,
  seed: 20261123,
  referenceDate: '2026-11-01',
};

/** The same options always give the same world, byte for byte. */
export function generateDemoWorld(options: Partial<DemoWorldOptions> = {}): DemoPerson[] {
  const { people, seed, referenceDate } = { ...DEMO_DEFAULTS, ...options };
  const faker = new Faker({ locale: [en_GB, en, base], seed });
  const reference = new Date(`${referenceDate}T00:00:00Z`);
  return Array.from({ length: people }, () => demoPerson(faker, reference));
}

function demoPerson(faker: Faker, reference: Date): DemoPerson {
  const sex = faker.helpers.arrayElement(['male', 'female'] as const);
  const born = faker.date.birthdate({ mode: 'age', min: 19, max: 60, refDate: reference });
  const released = faker.date.between({
    from: addDays(reference, -180),
    to: addDays(reference, 90),
  });
  return {
    id: faker.string.uuid(),
    givenName: faker.person.firstName(sex),
    familyName: faker.person.lastName(),
    dateOfBirth: isoDate(born),
    postcode: faker.location.zipCode(),
    claimant: faker.datatype.boolean(0.85)
      ? { nino: nino(faker), jobcentre: faker.helpers.arrayElement(JOBCENTRES) }
      : null,
    prisoner: {
      prisonNumber: faker.helpers.fromRegExp(/[A-Z][0-9]{4}[A-Z]{2}/),
      pncNumber: `${born.getUTCFullYear() + 18}/${faker.string.numeric(7)}${faker.string.alpha({ casing: 'upper' })}`,
      establishment: faker.helpers.arrayElement(ESTABLISHMENTS),
      releaseDate: isoDate(released),
    },
    probationCase: faker.datatype.boolean(0.9)
      ? {
          crn: faker.helpers.fromRegExp(/[A-Z][0-9]{6}/),
          practitionerName: faker.person.fullName(),
          probationRegion: faker.helpers.arrayElement(PROBATION_REGIONS),
        }
      : null,
    supportRecords: Array.from({ length: faker.number.int({ min: 0, max: 2 }) }, () => ({
      id: faker.string.uuid(),
      organisationName: faker.helpers.arrayElement(CHARITIES),
      service: faker.helpers.enumValue(SupportService),
      status: faker.helpers.enumValue(SupportStatus),
      referredOn: isoDate(faker.date.between({ from: addDays(released, -90), to: released })),
    })),
  };
}

function nino(faker: Faker): string {
  const prefix =
    faker.helpers.arrayElement([...NINO_FIRST]) + faker.helpers.arrayElement([...NINO_SECOND]);
  return `${prefix}${faker.string.numeric(6)}${faker.helpers.arrayElement(['A', 'B', 'C', 'D'])}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
