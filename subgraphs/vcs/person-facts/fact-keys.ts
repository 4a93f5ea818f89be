import { normaliseIdentifier } from '../../../lib/identifiers';
import { askedKeys } from '../../../lib/person-facts';

/** The support record ids one call asks about, as stored and once each; at most MAX_FACT_KEYS. */
export function factKeys(ids: readonly string[]): string[] {
  return [...new Set(askedKeys('ids', ids).map((id) => normaliseIdentifier('uuid', id)))];
}
