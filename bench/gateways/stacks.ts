import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../../lib/paths';
import { SUBGRAPH_NAMES, type ServiceName, type SubgraphName } from '../../lib/subgraphs';
import { type Hub, forkService, freePorts, terminate } from '../../scripts/hub';
import { OpenHub } from '../open-hub';

/** One gateway under test, and where it answers GraphQL. */
export interface Stack {
  label: 'a' | 'b' | 'c';
  name: string;
  endpoint: string;
  /** Whether it checks the caller: only (a) is sent real tokens. */
  authorised: boolean;
  /** How many processes serve its requests. */
  workers: number;
  /** The process ids of its gateway and its subgraphs, by name, for counting their CPU. */
  processes: Record<string, number>;
}

/** The checked-in supergraph, calling the open subgraphs instead of the hub's. */
function openSupergraph(urls: Record<SubgraphName, string>, file: string): string {
  let sdl = readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
  for (const name of SUBGRAPH_NAMES) {
    const graph = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!graph.test(sdl)) throw new Error(`the supergraph names no subgraph ${name}`);
    sdl = sdl.replace(graph, `$1${urls[name]}$2`);
  }
  writeFileSync(file, sdl);
  return file;
}

/** Until the gateway answers `{ __typename }`, or a minute has gone. */
async function answering(endpoint: string, label: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${label} did not answer within a minute`);
}

/** Hive Gateway as its users run it: its CLI over a supergraph file, its defaults (one worker). */
async function startHive(supergraph: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const [port] = await freePorts(1);
  const cli = path.join(
    path.dirname(require.resolve('@graphql-hive/gateway/package.json')),
    'dist',
    'bin.js',
  );
  const child = spawn(
    process.execPath,
    [cli, 'supergraph', supergraph, '--host', '127.0.0.1', '--port', `${port}`],
    { env: { PATH: process.env.PATH, NODE_ENV: 'production' }, stdio: 'ignore' },
  );
  const endpoint = `http://127.0.0.1:${port}/graphql`;
  await answering(endpoint, 'Hive Gateway');
  return { child, endpoint };
}

/**
 * (b) and (c) over the open subgraphs (bench/open-service.ts: the same schemas and databases,
 * an empty access policy) of the seeded hub, whose gateway is (a).
 */
export async function startStacks(
  hub: Hub,
  env: NodeJS.ProcessEnv,
  serviceEnv: Partial<Record<ServiceName, NodeJS.ProcessEnv>>,
  organisation: string,
) {
  const children: ChildProcess[] = [];
  const open = await OpenHub.start(env, { gateway: false, organisation, serviceEnv });
  try {
    const supergraph = openSupergraph(
      open.subgraphUrls,
      path.join(env.DATA_DIR as string, 'open-supergraph.graphql'),
    );
    const apollo = await forkService(
      'apollo-defaults',
      path.join(__dirname, 'apollo-defaults.js'),
      [supergraph],
      { PATH: process.env.PATH, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' },
      'capture',
    );
    children.push(apollo.child);
    const hive = await startHive(supergraph);
    children.push(hive.child);
    const subgraphs = (pid: (name: SubgraphName) => number | undefined) =>
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, pid(name) ?? 0]));
    const hubProcesses = subgraphs((name) => hub.process(name).pid);
    const openProcesses = subgraphs((name) => open.pids[name]);
    const stacks: Stack[] = [
      {
        label: 'a',
        name: 'our gateway',
        endpoint: `${hub.gatewayUrl}/graphql`,
        authorised: true,
        // A worker per core did not help on 2 cores: the subgraphs, not the gateway, are busy.
        workers: 1,
        processes: { gateway: hub.process('gateway').pid ?? 0, ...hubProcesses },
      },
      {
        label: 'b',
        name: '@apollo/gateway defaults',
        endpoint: `http://127.0.0.1:${apollo.port}/`,
        authorised: false,
        workers: 1,
        processes: { gateway: apollo.child.pid ?? 0, ...openProcesses },
      },
      {
        label: 'c',
        name: 'Hive Gateway',
        endpoint: hive.endpoint,
        authorised: false,
        workers: 1,
        processes: { gateway: hive.child.pid ?? 0, ...openProcesses },
      },
    ];
    const stop = async () => {
      await Promise.all(children.map((child) => terminate(child)));
      await open.stop();
    };
    return { stacks, stop };
  } catch (error) {
    await Promise.all(children.map((child) => terminate(child)));
    await open.stop();
    throw error;
  }
}
