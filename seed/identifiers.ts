// Native identifiers, unique by construction: person n gets the n-th value of a fixed
// permutation of each identifier's space, so a million people never collide.

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_UNUSED = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);
const NINO_PREFIXES = [...NINO_FIRST].flatMap((a) =>
  [...NINO_SECOND].map((b) => a + b).filter((p) => !NINO_UNUSED.has(p)),
);
const PNC_CHECK = 'ZABCDEFGHJKLMNPQRTUVWXY';

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The index-th member of a permutation of 0..size-1 (an affine map with a coprime step). */
function permute(index: number, size: number, salt: number): number {
  let step = 7_919 + salt * 104_729;
  while (gcd(step, size) !== 1) step += 1;
  if (index >= size) throw new Error(`identifier space of ${size} exhausted`);
  const offset = Math.floor(size * 0.381966) + salt;
  return Number((BigInt(index) * BigInt(step) + BigInt(offset)) % BigInt(size));
}

const digits = (value: number, width: number) => String(value).padStart(width, '0');

export function ninoFor(index: number): string {
  const value = permute(index, NINO_PREFIXES.length * 1_000_000, 1);
  const prefix = NINO_PREFIXES[Math.floor(value / 1_000_000)];
  return `${prefix}${digits(value % 1_000_000, 6)}${'ABCD'[value % 4]}`;
}

export function prisonNumberFor(index: number): string {
  const value = permute(index, 26 * 10_000 * 26 * 26, 2);
  const [first, number, suffix] = [
    value % 26,
    Math.floor(value / 26) % 10_000,
    Math.floor(value / 260_000),
  ];
  return `${LETTERS[first]}${digits(number, 4)}${LETTERS[Math.floor(suffix / 26)]}${LETTERS[suffix % 26]}`;
}

export function crnFor(index: number): string {
  const value = permute(index, 26 * 1_000_000, 3);
  return `${LETTERS[value % 26]}${digits(Math.floor(value / 26), 6)}`;
}

/** A Police National Computer number, `YYYY/NNNNNNNC`, with its real check character. */
export function pncFor(index: number, year: number): string {
  const serial = permute(index, 10_000_000, 4);
  const check = PNC_CHECK[Number(`${year % 100}${digits(serial, 7)}`) % 23];
  return `${year}/${digits(serial, 7)}${check}`;
}
