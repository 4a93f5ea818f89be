/** A cohort table as the gateway receives it from identity (the CohortOutcomes document). */
interface Value {
  value?: number | null;
  percent?: number | null;
  days?: number | null;
  suppressed: string | null;
}
type Share = { count: Value; rate: Value } | null;
type Employment = { employed: Value; knownAndAvailable: Value; rate: Value } | null;

export interface CohortRow {
  group: Record<string, string | null>;
  released: Value;
  medianDaysToFirstPayment: Value | null;
  employedAt6Weeks: Employment;
  employedAt6Months: Employment;
  [share: string]: unknown;
}

export interface CohortTable {
  groupBy: string[];
  rows: CohortRow[];
  total: CohortRow;
}

/** What a spreadsheet shows instead of a hidden value: never a number, never blank. */
export const MARKERS: Record<string, string> = {
  LOW_COUNT: '[low]',
  SECONDARY: '[secondary]',
  LOW_BASE: '[base]',
  DIFFERENCING: '[diff]',
  UNAVAILABLE: '[x]',
};

const SHARES = [
  ['ucClaimBeforeRelease', 'UC claim before release'],
  ['ucClaimWithin7Days', 'UC claim within 7 days'],
  ['ucClaimWithin28Days', 'UC claim within 28 days'],
  ['referredBeforeRelease', 'Referred to employment service before release'],
  ['engagedFourWeeksBeforeRelease', 'Engaged 4 weeks before release'],
  ['rotlPaidWork', 'ROTL paid work'],
  ['jobStartWithin13Weeks', 'Job start within 13 weeks'],
  ['jobSustained13Weeks', 'Job sustained 13 weeks'],
  ['jobSustained26Weeks', 'Job sustained 26 weeks'],
] as const;

const GROUP_FIELD: Record<string, string> = {
  MONTH: 'month',
  ESTABLISHMENT: 'establishment',
  REGION: 'region',
  SEX: 'sex',
  AGE_BAND: 'ageBand',
  SERVICE: 'service',
};

/** The table as CSV (RFC 4180), one row per group and a Total row, markers for hidden values. */
export function cohortCsv(table: CohortTable): string {
  const header = [
    ...table.groupBy.map((dimension) => dimension.toLowerCase()),
    'Released',
    ...SHARES.flatMap(([, label]) => [label, `${label} %`]),
    'Median days to first UC payment',
    ...['6 weeks', '6 months'].flatMap((at) => [
      `Employed at ${at}`,
      `Known and available at ${at}`,
      `Employed at ${at} %`,
    ]),
  ];
  const line = (row: CohortRow, total: boolean) => [
    ...table.groupBy.map((dimension, i) =>
      total ? (i === 0 ? 'Total' : '') : (row.group[GROUP_FIELD[dimension]] ?? 'None'),
    ),
    shown(row.released),
    ...SHARES.flatMap(([field]) => {
      const share = row[field] as Share;
      return [shown(share?.count), shown(share?.rate)];
    }),
    shown(row.medianDaysToFirstPayment),
    ...[row.employedAt6Weeks, row.employedAt6Months].flatMap((employment) => [
      shown(employment?.employed),
      shown(employment?.knownAndAvailable),
      shown(employment?.rate),
    ]),
  ];
  const lines = [header, ...table.rows.map((row) => line(row, false)), line(table.total, true)];
  return `${lines.map((cells) => cells.map(quoted).join(',')).join('\r\n')}\r\n`;
}

function shown(value: Value | null | undefined): string {
  if (!value) return MARKERS.UNAVAILABLE;
  if (value.suppressed) return MARKERS[value.suppressed] ?? '[c]';
  const number = value.value ?? value.percent ?? value.days;
  return number === null || number === undefined ? MARKERS.UNAVAILABLE : String(number);
}

/** Quoted when it must be, and never read as a formula by a spreadsheet. */
function quoted(cell: string): string {
  const safe = /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
