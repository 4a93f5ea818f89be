import type DataLoader from 'dataloader';
import { getMetadataArgsStorage } from 'typeorm';
import { type Bundle, type BundlePart, partOf } from '../../lib/bundle';

type EntityClass<T> = new () => T;

/** Where one entity's rows come from: `from` names the table as `alias`; `owner` is the root key. */
interface Source {
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
export function entityPart(name: string, entity: EntityClass<object>, source: Source): BundlePart {
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
