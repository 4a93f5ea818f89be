import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../lib/config';
import { ROOT_DIR } from '../lib/paths';
import { SUBGRAPH_NAMES } from '../lib/subgraphs';

// docker compose cannot run on the build machines, so the file is read against the code instead.
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(path.join(ROOT_DIR, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const hubServices = [...SUBGRAPH_NAMES, 'gateway', 'seed'];

describe('docker-compose.yml', () => {
  it('runs postgres, redis, the four subgraphs and the gateway', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', ...SUBGRAPH_NAMES, 'gateway']),
    );
  });

  it.each(hubServices)('%s sets only variables lib/config.ts reads', (name) => {
    const variables = Object.keys(compose.services[name].environment ?? {});

    expect(variables.filter((v) => !CONFIG_VARIABLES.includes(v))).toEqual([]);
  });

  it.each(hubServices)('%s runs an entry point the build produces', (name) => {
    const [node, entry] = compose.services[name].command ?? [];

    expect(node).toBe('node');
    expect(
      existsSync(path.join(ROOT_DIR, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'))),
    ).toBe(true);
  });

  it.each(SUBGRAPH_NAMES)(
    'the gateway reaches %s on the port it listens on, on PostgreSQL',
    (name) => {
      const prefix = name.toUpperCase();
      const own = compose.services[name];
      const port = own.environment?.[`${prefix}_PORT`];

      expect(compose.services.gateway.environment?.[`${prefix}_URL`]).toBe(
        `http://${name}:${port}/graphql`,
      );
      expect(own.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${port}/readyz`);
      expect(own.environment?.[`${prefix}_DATABASE_URL`]).toMatch(/^postgres:\/\/.*\/hub_/);
      expect(compose.services.gateway.depends_on).toHaveProperty(name);
    },
  );

  it.each(SUBGRAPH_NAMES.filter((name) => name !== 'identity'))(
    '%s asks identity for scope where identity listens',
    (name) => {
      const port = compose.services.identity.environment?.IDENTITY_PORT;

      expect(compose.services[name].environment?.IDENTITY_URL).toBe(
        `http://identity:${port}/graphql`,
      );
    },
  );

  it.each(SUBGRAPH_NAMES.filter((name) => name !== 'identity'))(
    'identity pulls the %s identity feed from where that subgraph listens, once it is ready',
    (name) => {
      const prefix = name.toUpperCase();
      const port = compose.services[name].environment?.[`${prefix}_PORT`];

      expect(compose.services.identity.environment?.[`${prefix}_URL`]).toBe(
        `http://${name}:${port}/graphql`,
      );
      expect(compose.services.identity.depends_on).toHaveProperty(name);
    },
  );

  it('creates each database the subgraphs are given', () => {
    const init = readFileSync(path.join(ROOT_DIR, 'docker', 'postgres-init.sql'), 'utf8');
    for (const name of SUBGRAPH_NAMES) {
      const url = compose.services[name].environment?.[`${name.toUpperCase()}_DATABASE_URL`] ?? '';
      expect(init).toContain(`CREATE DATABASE ${new URL(url).pathname.slice(1)};`);
    }
  });
});
