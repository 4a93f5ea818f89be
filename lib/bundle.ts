import DataLoader from 'dataloader';
import { type DataSource, getMetadataArgsStorage } from 'typeorm';
import type { RequestContext } from './auth/roles';
import { engineOf } from './audit/sql';

/**
 * One table's rows in a bundle: every row of it that belongs to the keys asked about. The SQL
 * pieces are the subgraph's own constants, never user input.
 */
export interface BundlePart {
  /** Names the rows in the answer, e.g. 'custodyPeriod'. */
  name: string;
  /** FROM and WHERE, with `:keys` where the list of keys goes: `FROM t WHERE t.k IN :keys`. */
  from: string;
  /** The key the row belongs to, as SQL, e.g. `t.prison_number`. */
  owner: string;
  /** Each property of the row, as SQL, e.g. `{ receptionDate: 't.reception_date' }`. */
  columns: Record<string, string>;
  /** Properties SQLite holds as 0/1, to give back as booleans. */
  booleans?: readonly string[];
}

export type Bundle = Map<string, Record<string, unknown>[]>;

/** A list of keys in SQL, bound as one parameter: no limit on how many, on either engine. */
const KEY_LIST = {
  postgres: '(SELECT unnest($1::text[]))',
  sqlite: '(SELECT value FROM json_each(?))',
} as const;

/**
 * Runs the statement `sql` makes from the SQL list of `keys` it is given, used in as many places
 * as it likes (`… IN ${keyList}`): PostgreSQL binds the keys once, as an array; SQLite once a
 * place, as JSON. One parameter a place, so no limit on how many keys.
 */
export async function queryByKeys<Row>(
  database: DataSource,
  keys: readonly string[],
  sql: (keyList: string) => string,
): Promise<Row[]> {
  const engine = engineOf(database);
  const statement = sql(KEY_LIST[engine]);
  const places = statement.split(KEY_LIST[engine]).length - 1;
  const parameters =
    engine === 'postgres' ? [keys] : Array.from({ length: places }, () => JSON.stringify(keys));
  return (await database.query(statement, parameters)) as Row[];
}

/**
 * Every part's rows for `keys`, in ONE statement however many keys and parts: a UNION ALL of
 * one SELECT per part, each row as a JSON object, the keys bound once as a JSON or array
 * parameter. The answer maps each key to its parts' rows (a key with no rows has an empty map).
 */
export async function readBundle(
  database: DataSource,
  parts: readonly BundlePart[],
  keys: readonly string[],
): Promise<Map<string, Bundle>> {
  const bundles = new Map<string, Bundle>(keys.map((key) => [key, new Map()]));
  if (!keys.length) return bundles;
  const postgres = engineOf(database) === 'postgres';
  const select = (part: BundlePart, keyList: string) => {
    const pairs = Object.entries(part.columns)
      .map(([property, sql]) => `'${property}', ${sql}`)
      .join(', ');
    const json = postgres ? `json_build_object(${pairs})` : `json_object(${pairs})`;
    return `SELECT '${part.name}' AS bundle_part, CAST(${part.owner} AS TEXT) AS owner_key, ${json} AS row_json ${part.from.replaceAll(':keys', keyList)}`;
  };
  const rows = await queryByKeys<{
    bundle_part: string;
    owner_key: string;
    row_json: string | Record<string, unknown>;
  }>(database, keys, (keyList) => parts.map((part) => select(part, keyList)).join(' UNION ALL '));
  const booleans = new Map(parts.map((part) => [part.name, part.booleans ?? []]));
  for (const { bundle_part: name, owner_key: owner, row_json: json } of rows) {
    const row = typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : json;
    for (const property of booleans.get(name) ?? []) {
      if (row[property] !== null && row[property] !== undefined)
        row[property] = Boolean(row[property]);
    }
    const bundle = bundles.get(owner);
    if (!bundle) continue;
    const list = bundle.get(name) ?? [];
    bundle.set(name, list);
    list.push(row);
  }
  return bundles;
}

/** How long, and how many, gateway requests' bundles are kept: a request's calls come within seconds. */
const KEPT_MS = 15_000;
const KEPT = 200;

/**
 * A loader of bundles shared by every call one gateway request makes to this subgraph (the
 * gateway's own and the identity service's on its behalf, which carry the same nonce), so each
 * key's rows are read once per request. Bundles hold rows, not answers: every call still applies
 * its own caller's access rules to what it shows. A call with no nonce gets a loader of its own.
 */
export function bundleLoaders(
  load: (keys: readonly string[]) => Promise<Map<string, Bundle>>,
  maxBatchSize: number,
): (request: RequestContext) => DataLoader<string, Bundle> {
  const kept = new Map<string, { until: number; loader: DataLoader<string, Bundle> }>();
  const make = () =>
    new DataLoader<string, Bundle>(
      async (keys) => {
        const bundles = await load(keys);
        return keys.map((key) => bundles.get(key) ?? new Map());
      },
      { maxBatchSize },
    );
  return (request) => {
    if (!request.nonce) return make();
    const now = Date.now();
    const hit = kept.get(request.nonce);
    if (hit && hit.until > now) return hit.loader;
    const loader = make();
    kept.set(request.nonce, { until: now + KEPT_MS, loader });
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
    return loader;
  };
}

/** The rows of one part of a bundle (none if it has none). */
export const partOf = <T>(bundle: Bundle, name: string): T[] => (bundle.get(name) ?? []) as T[];

type EntityClass<T> = new () => T;

/** Where one entity's rows come from: `from` names its table as `alias`; `owner` is the root key. */
export interface PartSource {
  alias: string;
  from: string;
  owner: string;
  /** The order its loader gives, when it gives a list: each group's rows, ranked in SQL. */
  ranked?: { within: string; by: string };
}

/**
 * A bundle part holding every column of `entity`, by property name, so its rows are the loader's
 * rows. A list's order is ranked by the database itself: its collation decides, as in the loader.
 */
export function entityPart(
  name: string,
  entity: EntityClass<object>,
  source: PartSource,
): BundlePart {
  const columns = getMetadataArgsStorage().columns.filter((column) => column.target === entity);
  const part: BundlePart = {
    name,
    from: source.from,
    owner: source.owner,
    columns: Object.fromEntries(
      columns.map(({ propertyName, options }) => [
        propertyName,
        `${source.alias}."${options.name ?? propertyName}"`,
      ]),
    ),
    booleans: columns
      .filter(({ options }) => options.type === 'boolean')
      .map(({ propertyName }) => propertyName),
  };
  if (source.ranked) {
    const { within, by } = source.ranked;
    part.columns.rank = `ROW_NUMBER() OVER (PARTITION BY ${within} ORDER BY ${by})`;
  }
  return part;
}

/** A part's rows as fresh `entity` objects (each call its own), in rank order, without the rank. */
export function entitiesOf<T extends object>(
  bundle: Bundle,
  name: string,
  entity: EntityClass<T>,
): T[] {
  return partOf<Record<string, unknown>>(bundle, name)
    .map(({ rank, ...row }) => ({ rank: Number(rank ?? 0), row }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ row }) => Object.assign(new entity(), row));
}

/**
 * The request's shared loader of bundles of `parts`, one per database (a process may hold
 * several, as tests do): `sharedBundles(PARTS, n)(database, request)`, at most n keys a statement.
 */
export function sharedBundles(parts: readonly BundlePart[], maxBatchSize: number) {
  const byDatabase = new WeakMap<
    DataSource,
    (request: RequestContext) => DataLoader<string, Bundle>
  >();
  return (database: DataSource, request: RequestContext): DataLoader<string, Bundle> => {
    let loaders = byDatabase.get(database);
    if (!loaders) {
      loaders = bundleLoaders((keys) => readBundle(database, parts, keys), maxBatchSize);
      byDatabase.set(database, loaders);
    }
    return loaders(request);
  };
}

/** Each key's record, in the order asked, built from the request's shared bundles. */
export async function recordsOf<R>(
  bundles: DataLoader<string, Bundle>,
  keys: string[],
  record: (key: string, bundle: Bundle) => R,
): Promise<R[]> {
  const loaded = await bundles.loadMany(keys);
  return loaded.map((bundle, i) => {
    if (bundle instanceof Error) throw bundle;
    return record(keys[i], bundle);
  });
}
