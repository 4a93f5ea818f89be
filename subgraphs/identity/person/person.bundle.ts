import {
  type BundlePart,
  entitiesOf,
  entityPart,
  recordsOf,
  sharedBundles,
} from '../../../lib/bundle';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import type { IdentityContext } from '../context';
import { PersonLink } from './person-link.entity';
import { Person } from './person.entity';

/** A person and their links, by person id, in the loaders' order (links by id). */
const PERSON_PARTS: BundlePart[] = [
  entityPart('person', Person, {
    alias: 'p',
    from: 'FROM "person" p WHERE p."id" IN :keys',
    owner: 'p."id"',
  }),
  entityPart('link', PersonLink, {
    alias: 'l',
    from: 'FROM "person_link" l WHERE l."person_id" IN :keys',
    owner: 'l."person_id"',
    ranked: { within: 'l."person_id"', by: 'l."id"' },
  }),
];

export const personBundles = sharedBundles(PERSON_PARTS, MAX_FACT_KEYS);

/** A link as its repository gives it: the bundle holds `explanation` as its stored JSON text. */
function asStored(link: PersonLink): PersonLink {
  const explanation = link.explanation as unknown;
  if (typeof explanation === 'string') link.explanation = JSON.parse(explanation) as never;
  return link;
}

/**
 * Reads these people and their links in one statement and primes the request's loaders with
 * them, so a page of people sends no more SQL for who they are and what is linked to them.
 */
export async function primePeople(context: IdentityContext, ids: string[]): Promise<void> {
  const records = await recordsOf(context.bundles, ids, (id, bundle) => ({
    id,
    person: entitiesOf(bundle, 'person', Person)[0] ?? null,
    links: entitiesOf(bundle, 'link', PersonLink).map(asStored),
  }));
  for (const { id, person, links } of records) {
    context.loaders.personById.prime(id, person);
    context.loaders.linksByPersonId.prime(id, links);
  }
}
