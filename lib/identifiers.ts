import { badUserInput } from './errors';

/** The native identifiers each controller keys its records by, and how they are written. */
const FORMATS = {
  uuid: {
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    label: 'a hub id (UUID)',
    example: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f',
  },
  nino: {
    pattern: /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/,
    label: 'a National Insurance number',
    example: 'AB123456C',
  },
  prisonNumber: { pattern: /^[A-Z]\d{4}[A-Z]{2}$/, label: 'a prison number', example: 'A1234BC' },
  crn: { pattern: /^[A-Z]\d{6}$/, label: 'a case reference number (CRN)', example: 'X123456' },
} as const;

export type IdentifierKind = keyof typeof FORMATS;

/** Upper-cases and strips spaces, as people type NINOs and prison numbers with both. */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  return kind === 'uuid' ? value.trim().toLowerCase() : value.replace(/\s+/g, '').toUpperCase();
}

export function isIdentifier(kind: IdentifierKind, value: string): boolean {
  return FORMATS[kind].pattern.test(value);
}

/**
 * Normalises, then refuses a malformed identifier with BAD_USER_INPUT saying what one looks like.
 * The message never repeats the value: it is personal data and errors reach logs.
 */
export function parseIdentifier(kind: IdentifierKind, argument: string, value: string): string {
  const normalised = normaliseIdentifier(kind, value);
  if (!isIdentifier(kind, normalised)) {
    throw badUserInput(
      argument,
      `${argument} must be ${FORMATS[kind].label}, such as ${FORMATS[kind].example}.`,
    );
  }
  return normalised;
}
