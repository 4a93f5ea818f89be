import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { SCHEMA_DIR } from '../lib/paths';
import { localGateway } from './local-gateway';

const supergraphSdl = readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
/** What a gateway will shut down when stopped: Apollo's telemetry exporter, if it made one. */
const disposables = (gateway: ApolloGateway) =>
  (gateway as unknown as { toDispose: unknown[] }).toDispose.length;

describe('localGateway', () => {
  afterEach(() => delete process.env.APOLLO_TELEMETRY_DISABLED);

  it('makes no exporter to Apollo, where a gateway left to its defaults does', async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const defaults = new ApolloGateway({ supergraphSdl });
    expect(disposables(defaults)).toBe(1);
    await defaults.stop();

    const local = localGateway({ supergraphSdl });
    expect(disposables(local)).toBe(0);
    await local.stop();
  });
});
