import { createHash } from 'node:crypto';
import { Field, InputType } from 'type-graphql';
import { isoDate } from '../../../lib/date-range';
import { badUserInput } from '../../../lib/errors';
import { parseIdentifier } from '../../../lib/identifiers';
import { DateScalar } from '../../../lib/scalars';
import { type RecordFeatures, cleanName, recordFeatures } from '../linking/features';
import type { SourceRecord } from '../linking/source-record';

@InputType({
  description:
    'Who to look for: any mix of these, at least one. Names and dates of birth may be misspelt ' +
    'or mistyped; identifiers must be written in full.',
})
export class PersonSearch {
  @Field(() => String, { nullable: true, description: 'A first name, or a short form of it.' })
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth?: Date | null;

  @Field(() => String, { nullable: true, description: 'A full postcode, such as LS8 1LL.' })
  postcode?: string | null;

  @Field(() => String, { nullable: true, description: 'National Insurance number.' })
  nino?: string | null;

  @Field(() => String, { nullable: true, description: 'Prison number, such as A1234BC.' })
  prisonNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Probation case reference number.' })
  crn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Police National Computer number, YYYY/NNNNNNNC.',
  })
  pncNumber?: string | null;
}

export const SEARCH_FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'postcode',
  'nino',
  'prisonNumber',
  'crn',
  'pncNumber',
] as const satisfies readonly (keyof PersonSearch)[];

/** A search checked and turned into the record it describes, to be scored like any other. */
export interface ParsedSearch {
  features: RecordFeatures;
  crn: string | null;
  /** Tells one search from another, so a cursor is only taken back by the search it came from. */
  fingerprint: string;
}

const PNC = /^\d{4}\/\d{7}[A-Z]$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

/** Refuses an empty or malformed search with BAD_USER_INPUT; never repeats the value given. */
export function parsePersonSearch(search: PersonSearch): ParsedSearch {
  const text = (value: string | null | undefined) => value?.trim() || null;
  const given = text(search.givenName);
  const family = text(search.familyName);
  const named = SEARCH_FIELDS.filter((field) =>
    field === 'dateOfBirth' ? !!search.dateOfBirth : !!text(search[field]),
  );
  if (!named.length) {
    throw badUserInput(
      'search',
      `search needs at least one of ${SEARCH_FIELDS.join(', ')}; none was given.`,
    );
  }
  for (const [field, value] of [
    ['givenName', given],
    ['familyName', family],
  ] as const) {
    const letters = value ? cleanName(value).replace(/[^A-Z]/g, '').length : null;
    if (letters === 0) throw badUserInput(`search.${field}`, `search.${field} must hold letters.`);
    if (letters !== null && letters < 2 && named.length === 1) {
      throw badUserInput(
        `search.${field}`,
        `search.${field} alone must be at least 2 letters; add another field to narrow it.`,
      );
    }
  }
  const identifier = (kind: 'nino' | 'prisonNumber' | 'crn') => {
    const value = text(search[kind]);
    return value ? parseIdentifier(kind, `search.${kind}`, value) : null;
  };
  const compact = (value: string | null) => value?.replace(/\s+/g, '').toUpperCase() ?? null;
  const pncNumber = compact(text(search.pncNumber));
  if (pncNumber && !PNC.test(pncNumber)) {
    throw badUserInput(
      'search.pncNumber',
      'search.pncNumber must be a Police National Computer number, such as 2004/0012345D.',
    );
  }
  const postcode = compact(text(search.postcode));
  if (postcode && !POSTCODE.test(postcode)) {
    throw badUserInput(
      'search.postcode',
      'search.postcode must be a full postcode, such as LS8 1LL.',
    );
  }
  const record: SourceRecord = {
    source: 'vcs',
    sourceId: 'search',
    givenName: given ?? '',
    familyName: family ?? '',
    dateOfBirth: search.dateOfBirth ? isoDate(search.dateOfBirth) : null,
    postcode,
    nino: identifier('nino'),
    prisonNumber: identifier('prisonNumber'),
    pncNumber,
    crn: identifier('crn'),
  };
  const features = recordFeatures(record);
  const [name] = features.names;
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        name.given,
        name.family,
        record.dateOfBirth,
        features.postcode?.full ?? null,
        record.nino,
        record.prisonNumber,
        record.crn,
        record.pncNumber,
      ]),
    )
    .digest('base64url')
    .slice(0, 16);
  return { features, crn: record.crn ?? null, fingerprint };
}
