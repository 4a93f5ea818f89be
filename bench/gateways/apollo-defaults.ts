import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';
import type { ListeningMessage } from '../../lib/service';

// (b): a plain ApolloGateway in Apollo Server's standalone server, every option left at its
// default, over the supergraph file named (whose subgraph URLs it calls).
//   node dist/bench/gateways/apollo-defaults.js <supergraph file>
// The bench starts it with APOLLO_TELEMETRY_DISABLED=true: with defaults the gateway reports the
// host's CPU and memory to Apollo, and this machine has no network to send it over.

async function main() {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2], 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  const message: ListeningMessage = {
    type: 'listening',
    service: 'apollo-defaults',
    port: Number(new URL(url).port),
  };
  process.send?.(message);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`apollo-defaults failed: ${error.message}\n`);
  process.exit(1);
});
