import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from './disclosure/rules';
import { DEFAULT_PORTS, type SubgraphName, defaultSubgraphUrl } from './subgraphs';

const PORT_HINT = 'must be a port number from 0 to 65535 (0 picks a free port)';
const port = (fallback: number) =>
  z.coerce
    .number({ error: PORT_HINT })
    .int({ error: PORT_HINT })
    .min(0, { error: PORT_HINT })
    .max(65535, { error: PORT_HINT })
    .default(fallback);
const url = (fallback: string) => z.url().default(fallback);
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .pipe(z.url().optional())
  .optional();
/** A file path; blank counts as unset. */
const optionalPath = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const PROBABILITY_HINT = 'must be a probability from 0 to 1';
const probability = (fallback: number) =>
  z.coerce
    .number({ error: PROBABILITY_HINT })
    .min(0, { error: PROBABILITY_HINT })
    .max(1, { error: PROBABILITY_HINT })
    .default(fallback);

/** Every environment variable the hub reads, with the default that makes embedded mode work. */
const environment = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalUrl,
  GATEWAY_PORT: port(DEFAULT_PORTS.gateway),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  IDENTITY_PORT: port(DEFAULT_PORTS.identity),
  DWP_PORT: port(DEFAULT_PORTS.dwp),
  MOJ_PORT: port(DEFAULT_PORTS.moj),
  VCS_PORT: port(DEFAULT_PORTS.vcs),
  IDENTITY_URL: url(defaultSubgraphUrl('identity')),
  DWP_URL: url(defaultSubgraphUrl('dwp')),
  MOJ_URL: url(defaultSubgraphUrl('moj')),
  VCS_URL: url(defaultSubgraphUrl('vcs')),
  IDENTITY_DATABASE_URL: optionalUrl,
  DWP_DATABASE_URL: optionalUrl,
  MOJ_DATABASE_URL: optionalUrl,
  VCS_DATABASE_URL: optionalUrl,
  LINK_THRESHOLD: probability(0.9),
  REVIEW_THRESHOLD: probability(0.5),
  LINK_SYNC_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  // 0 publishes every count as it is, to check the counting itself: refused in production.
  REPORTING_SUPPRESSION_THRESHOLD: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_DISCLOSURE_RULES.threshold),
  REPORTING_ROUNDING_BASE: z.coerce.number().int().min(1).default(DEFAULT_DISCLOSURE_RULES.base),
  REPORTING_SNAPSHOT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  AUTH_ISSUER: z.string().trim().min(1).default('employment-support-hub'),
  AUTH_AUDIENCE: z.string().trim().min(1).default('employment-support-hub'),
  AUTH_JWKS_URL: optionalUrl,
  AUTH_PUBLIC_KEY_FILE: optionalPath,
  INTERNAL_TOKEN_KEYS_FILE: optionalPath,
  KEYS_DIR: optionalPath,
  // OpenTelemetry's own names: a base URL (the traces path is added) or the traces URL itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  TRACE_SAMPLE_RATIO: probability(1),
});

type Environment = z.infer<typeof environment>;

/** The names of every variable the hub reads. */
export const CONFIG_VARIABLES = Object.keys(environment.shape);

export interface SubgraphSettings {
  /** Port this subgraph listens on (0 picks a free one). */
  port: number;
  /** Where the gateway reaches it. */
  url: string;
  /** PostgreSQL URL; absent means the embedded SQLite file below. */
  databaseUrl?: string;
  sqliteFile: string;
}

export interface Config {
  env: Environment['NODE_ENV'];
  host: string;
  dataDir: string;
  logLevel: Environment['LOG_LEVEL'];
  redisUrl?: string;
  /** `rateLimitPerMinute`: requests one user (or one anonymous address) may make a minute. */
  gateway: { port: number; subgraphTimeoutMs: number; rateLimitPerMinute: number };
  subgraphs: Record<SubgraphName, SubgraphSettings>;
  /** Identity resolution: at or above `linkThreshold` links; from `reviewThreshold` a steward decides. */
  linkage: { linkThreshold: number; reviewThreshold: number; syncIntervalMs: number };
  /** Statistical disclosure control on aggregate reports; see lib/disclosure/README.md. */
  /** `snapshotIntervalMs`: the longest reports go on counting one snapshot of the records. */
  reporting: { disclosure: DisclosureRules; snapshotIntervalMs: number };
  auth: AuthSettings;
  /** Absent unless an OTLP endpoint is set: then spans are exported there (lib/tracing.ts). */
  tracing?: TracingSettings;
}

export interface TracingSettings {
  /** Where spans are POSTed as OTLP/HTTP JSON. */
  tracesUrl: string;
  /** The share of new traces kept, decided on the trace id, so every service keeps the same ones. */
  sampleRatio: number;
}

/** Where user and internal tokens come from and what they must say; see lib/auth/keys.ts. */
export interface AuthSettings {
  /** The `iss` a user token must carry. */
  issuer: string;
  /** The `aud` a user token must carry. */
  audience: string;
  /** JWKS endpoint of the identity provider that signs user tokens (production). */
  jwksUrl?: string;
  /** A public key (PEM SPKI, JWK or JWKS file) that verifies user tokens. */
  publicKeyFile?: string;
  /** This service's internal-token keys: a JWK Set of HS256 secrets, see lib/auth/internal-keys.ts. */
  internalTokenKeysFile?: string;
  /** Where local development keys are generated when no key is configured. */
  keysDir: string;
}

export class ConfigError extends Error {}

/** The ES256 internal-key files of earlier releases: set, they would mislead. */
const RETIRED_KEY_VARIABLES = ['INTERNAL_SIGNING_KEY_FILE', 'INTERNAL_VERIFY_KEYS_FILE'];

/** Reads settings from the environment; nothing else in the hub reads process.env. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(
      `Invalid configuration, fix these environment variables:\n${problems.join('\n')}`,
    );
  }
  const env = parsed.data;
  const retired = RETIRED_KEY_VARIABLES.filter((name) => source[name]);
  if (retired.length > 0) {
    throw new ConfigError(
      'Invalid configuration, fix these environment variables:\n' +
        retired
          .map((name) => `  ${name}: no longer read; internal tokens are HS256 now, unset it`)
          .join('\n') +
        '\n  INTERNAL_TOKEN_KEYS_FILE: set it instead (npm run internal-keys writes the files)',
    );
  }
  if (env.REVIEW_THRESHOLD > env.LINK_THRESHOLD) {
    throw new ConfigError(
      'Invalid configuration, fix these environment variables:\n' +
        '  REVIEW_THRESHOLD: must not be above LINK_THRESHOLD',
    );
  }
  if (env.NODE_ENV === 'production' && env.REPORTING_SUPPRESSION_THRESHOLD < 1) {
    throw new ConfigError(
      'Invalid configuration, fix these environment variables:\n' +
        '  REPORTING_SUPPRESSION_THRESHOLD: 0 turns disclosure control off, never in production',
    );
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const subgraph = (name: SubgraphName, port: number, url: string, databaseUrl?: string) => ({
    port,
    url,
    databaseUrl,
    sqliteFile: path.join(dataDir, `${name}.sqlite`),
  });
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    dataDir,
    logLevel: env.LOG_LEVEL,
    redisUrl: env.REDIS_URL,
    gateway: {
      port: env.GATEWAY_PORT,
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    },
    subgraphs: {
      identity: subgraph(
        'identity',
        env.IDENTITY_PORT,
        env.IDENTITY_URL,
        env.IDENTITY_DATABASE_URL,
      ),
      dwp: subgraph('dwp', env.DWP_PORT, env.DWP_URL, env.DWP_DATABASE_URL),
      moj: subgraph('moj', env.MOJ_PORT, env.MOJ_URL, env.MOJ_DATABASE_URL),
      vcs: subgraph('vcs', env.VCS_PORT, env.VCS_URL, env.VCS_DATABASE_URL),
    },
    linkage: {
      linkThreshold: env.LINK_THRESHOLD,
      reviewThreshold: env.REVIEW_THRESHOLD,
      syncIntervalMs: env.LINK_SYNC_INTERVAL_MS,
    },
    reporting: {
      disclosure: {
        threshold: env.REPORTING_SUPPRESSION_THRESHOLD,
        base: env.REPORTING_ROUNDING_BASE,
      },
      snapshotIntervalMs: env.REPORTING_SNAPSHOT_INTERVAL_MS,
    },
    auth: {
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      publicKeyFile: resolveOptional(env.AUTH_PUBLIC_KEY_FILE),
      internalTokenKeysFile: resolveOptional(env.INTERNAL_TOKEN_KEYS_FILE),
      keysDir: env.KEYS_DIR ? path.resolve(env.KEYS_DIR) : path.join(dataDir, 'keys'),
    },
    tracing: tracingSettings(env),
  };
}

/** As the OTLP specification says: the signal's own URL as given, else the base URL + /v1/traces. */
function tracingSettings(env: Environment): TracingSettings | undefined {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`);
  return tracesUrl === undefined ? undefined : { tracesUrl, sampleRatio: env.TRACE_SAMPLE_RATIO };
}

function resolveOptional(file: string | undefined): string | undefined {
  return file === undefined ? undefined : path.resolve(file);
}
