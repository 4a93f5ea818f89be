import { badUserInput } from '../../../lib/errors';
import { normaliseIdentifier } from '../../../lib/identifiers';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';

/** The support record ids one call asks about, as stored and once each; at most MAX_FACT_KEYS. */
export function factKeys(ids: readonly string[]): string[] {
  if (ids.length > MAX_FACT_KEYS) {
    throw badUserInput('ids', `ids may name at most ${MAX_FACT_KEYS} support records a call.`);
  }
  return [...new Set(ids.map((id) => normaliseIdentifier('uuid', id)))];
}
