import { Purpose, Role } from '../lib/auth/roles';
import { mintDevToken } from '../lib/auth/user-token';
import { type Config, loadConfig } from '../lib/config';
import { type DemoPerson, buildDemoWorld, demoPerson } from '../seed/demo';
import { LinkedRecordKind } from '../subgraphs/identity/person/person-link.entity';
import { Hub } from './hub';

function exampleQuery(personId: string): string {
  return `{ person(id: "${personId}") { givenName familyName claimant { nino jobcentre benefitClaims { benefit claimDate startedInCustody } } prisoner { prisonNumber latestCustodyPeriod { releaseDate establishment { name } } } probationCase { crn practitionerName } supportRecords { organisation { name } referrals { status service { kind } } } } }`;
}

/** A dev token for each role, valid for 8 hours; the coordinator works for the demo charity. */
async function devTokens(config: Config, organisation: string) {
  const mint = (role: Role, org: string, purposes?: Purpose[]) =>
    mintDevToken(config, { role, organisation: org, purposes });
  return {
    [Role.DATA_STEWARD]: await mint(Role.DATA_STEWARD, 'hub-data-stewards', [
      Purpose.SUBJECT_ACCESS,
    ]),
    [Role.COORDINATOR]: await mint(Role.COORDINATOR, organisation),
    [Role.JOBCENTRE_ADVISER]: await mint(Role.JOBCENTRE_ADVISER, 'jobcentre-leeds', [
      Purpose.EMPLOYMENT_SUPPORT,
    ]),
    [Role.REPORTING]: await mint(Role.REPORTING, 'dwp-analysis'),
  };
}

function banner(url: string, person: DemoPerson, tokens: Record<Role, string>): string {
  const body = JSON.stringify({ query: exampleQuery(person.id) });
  return [
    '',
    'The employment-support hub is running.',
    '',
    `  GraphQL endpoint  ${url}/graphql`,
    `  Readiness         ${url}/readyz`,
    '',
    'Dev tokens, one per role, valid for 8 hours (mint others with `npm run token -- --help`):',
    '',
    ...Object.entries(tokens).map(([role, token]) => `export TOKEN_${role}=${token}`),
    '',
    'One demo person, joined across DWP, MoJ and a charity, in one query, as a data steward',
    'answering a subject-access request (try the other tokens: each role sees its own part;',
    'a reporting tool sends only registered documents: see "Reporting: for analysts" in the README):',
    '',
    `curl -s ${url}/graphql -H 'content-type: application/json' \\`,
    `  -H "authorization: Bearer $TOKEN_${Role.DATA_STEWARD}" \\`,
    `  --data '${body}'`,
    '',
    'This serves synthetic demo data, on this machine only. Press Ctrl-C to stop every service.',
    '',
  ].join('\n');
}

/** The charity that supports the demo person, so the coordinator's token is theirs. */
function demoCharity(): { person: DemoPerson; organisation: string } {
  const world = buildDemoWorld();
  const person = demoPerson(world);
  const supportRecordId = person.records.find(
    (r) => r.recordKind === LinkedRecordKind.VCS_SUPPORT_RECORD,
  )?.recordId;
  const record = (world.rows.vcs.SupportRecord as { id: string; organisationId: string }[]).find(
    (r) => r.id === supportRecordId,
  );
  return { person, organisation: record?.organisationId ?? 'demo-charity' };
}

async function main() {
  const config = loadConfig(); // a bad setting stops here, with the list of what to fix
  const hub = await Hub.start({ env: process.env, seed: true, output: 'inherit' });
  const { person, organisation } = demoCharity();
  process.stdout.write(banner(hub.gatewayUrl, person, await devTokens(config, organisation)));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    process.stdout.write('Stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`Could not start the hub: ${error.message}\n`);
  process.exit(1);
});
