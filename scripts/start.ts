import { loadConfig } from '../lib/config';
import { demoPerson } from '../seed/demo';
import { Hub } from './hub';

function exampleQuery(personId: string): string {
  return `{ person(id: "${personId}") { givenName familyName claimant { nino jobcentre benefitClaims { benefit claimDate startedInCustody } } prisoner { prisonNumber latestCustodyPeriod { releaseDate establishment { name } } } probationCase { crn practitionerName } supportRecords { organisation { name } referrals { status service { kind } } } } }`;
}

function banner(url: string): string {
  const body = JSON.stringify({ query: exampleQuery(demoPerson().id) });
  return [
    '',
    'The employment-support hub is running.',
    '',
    `  GraphQL endpoint  ${url}/graphql`,
    `  Readiness         ${url}/readyz`,
    '',
    'One demo person, joined across DWP, MoJ and a charity, in one query:',
    '',
    `curl -s ${url}/graphql -H 'content-type: application/json' \\`,
    `  --data '${body}'`,
    '',
    'No sign-in is needed yet: this serves synthetic demo data on this machine only.',
    'Press Ctrl-C to stop every service.',
    '',
  ].join('\n');
}

async function main() {
  loadConfig(); // a bad setting stops here, with the list of what to fix
  const hub = await Hub.start({ env: process.env, seed: true, output: 'inherit' });
  process.stdout.write(banner(hub.gatewayUrl));
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
