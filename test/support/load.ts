import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../lib/audit/audit-entry.entity';
import { Role } from '../../lib/auth/roles';
import { buildDemoWorld, charitiesSharing, demoPerson } from '../../seed/demo';
import { ReadinessRecord } from '../../subgraphs/vcs/readiness/readiness.entity';
import type { TestHub } from './hub';

// A steady, bounded load through the gateway while a fault is made: a few callers in a closed
// loop, each reading one person across every controller or recording a readiness item, and
// every answer they saw kept, to check what they saw and that what was confirmed is kept.

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Answer {
  kind: 'read' | 'write';
  requestId: string;
  /** ms since the load started. */
  at: number;
  ms: number;
  /** HTTP status, or 0 when no answer came (connection refused or reset, or no answer in time). */
  status: number;
  body?: GraphQLBody;
  /** The raw text of an answer that was not JSON, or why there was none. */
  text?: string;
}

const world = buildDemoWorld();
export const person = demoPerson(world);
const [charity] = charitiesSharing(world, person);
const supportRecord = (world.rows.vcs.SupportRecord as { id: string; organisationId: string }[])
  .filter((r) => person.records.some((linked) => linked.recordId === r.id))
  .find((r) => r.organisationId === charity)?.id as string;

const READ = `query ($id: ID!) { person(id: $id) { id givenName
  claimant { nino givenName } prisoner { prisonNumber givenName } supportRecords { id givenName } } }`;
const RECORD = `mutation ($id: ID!, $note: String) {
  recordReadiness(supportRecordId: $id, item: PHONE, status: IN_PROGRESS, note: $note) { item } }`;

/** Longer than any answer should take: a caller still waiting then has met a hang. */
const NO_ANSWER_MS = 20_000;

export interface Load {
  /** When the load started (epoch ms): an answer's `at` counts from here. */
  readonly started: number;
  /** Requests sent and not yet answered, now. */
  readonly inFlight: number;
  readonly answers: readonly Answer[];
  /** Resolves once `count` answers in a row were whole: the hub is serving this load. */
  steady(count?: number, withinMs?: number): Promise<void>;
  /** Stops sending, waits for the answers still owed, and returns every answer. */
  stop(): Promise<Answer[]>;
}

/** `callers` callers, each sending its next request as soon as the last is answered. */
export function startLoad(
  running: TestHub,
  options: { callers?: number; gatewayUrl?: () => string } = {},
): Load {
  const answers: Answer[] = [];
  const started = Date.now();
  let inFlight = 0;
  let stopped = false;
  const url = options.gatewayUrl ?? (() => running.url);
  const caller = async (index: number) => {
    for (let n = 0; !stopped; n++) {
      const kind = (index + n) % 4 === 0 ? 'write' : 'read';
      inFlight++;
      answers.push(await send(running, url(), kind, started));
      inFlight--;
      // A refused connection answers at once: do not spin on it.
      if (answers.at(-1)?.status === 0) await pause(50);
    }
  };
  const loops = Array.from({ length: options.callers ?? 4 }, (_, i) => caller(i));
  return {
    started,
    get inFlight() {
      return inFlight;
    },
    answers,
    async steady(count = 8, withinMs = 30_000) {
      const from = answers.length;
      const deadline = Date.now() + withinMs;
      while (answers.length < from + count || !answers.slice(-count).every(confirmed)) {
        if (Date.now() > deadline) throw new Error(`no ${count} whole answers in ${withinMs} ms`);
        await pause(50);
      }
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return answers;
    },
  };
}

/** One read or write through the gateway, as a caller of the load sends it. */
export async function send(
  running: TestHub,
  gatewayUrl: string,
  kind: Answer['kind'],
  started = Date.now(),
): Promise<Answer> {
  const requestId = `fault-${kind}-${randomUUID()}`;
  const role = kind === 'read' ? Role.DATA_STEWARD : Role.COORDINATOR;
  const body =
    kind === 'read'
      ? { query: READ, variables: { id: person.id } }
      : { query: RECORD, variables: { id: supportRecord, note: requestId } };
  const authorization = await running.authorization(role, {
    organisation: kind === 'write' ? charity : undefined,
  });
  const at = Date.now() - started;
  const answer = { kind, requestId, at };
  try {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'x-request-id': requestId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(NO_ANSWER_MS),
    });
    const text = await response.text();
    const ms = Date.now() - started - at;
    try {
      return { ...answer, ms, status: response.status, body: JSON.parse(text) as GraphQLBody };
    } catch {
      return { ...answer, ms, status: response.status, text };
    }
  } catch (error) {
    return { ...answer, ms: Date.now() - started - at, status: 0, text: (error as Error).name };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An answer the caller may take as done: HTTP 200 and no error at all. */
export const confirmed = (answer: Answer) =>
  answer.status === 200 && !answer.body?.errors?.length && !!answer.body?.data;

/**
 * What no caller may ever see, whatever the fault: a stack trace, a database or service address,
 * an error without a code, a 5xx or a non-JSON answer. Returns the offending answers.
 */
export function unclean(answers: readonly Answer[]): Answer[] {
  const leaks =
    /\bat .+\(.*:\d+:\d+\)|ECONNREFUSED|127\.0\.0\.1|localhost|QueryFailedError|postgres/i;
  return answers.filter((answer) => {
    if (answer.status === 0) return false; // no connection: the gateway itself was not there
    if (answer.status !== 200 || !answer.body) return true;
    const errors = answer.body.errors ?? [];
    if (errors.some((e) => typeof e.extensions?.code !== 'string')) return true;
    if (errors.some((e) => 'stacktrace' in (e.extensions ?? {}))) return true;
    return leaks.test(JSON.stringify(answer.body));
  });
}

/** The codes of the errors in the answers, with how many of each. */
export function errorCodes(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const error of answers.flatMap((a) => a.body?.errors ?? [])) {
    const code = String(error.extensions?.code);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** Confirmed writes whose readiness row vcs does not hold: should be none. */
export async function lostWrites(answers: readonly Answer[], vcs: DataSource): Promise<string[]> {
  const written = answers.filter((a) => a.kind === 'write' && confirmed(a)).map((a) => a.requestId);
  const rows = await vcs.getRepository(ReadinessRecord).findBy({ supportRecordId: supportRecord });
  const kept = new Set(rows.map((row) => row.note));
  return written.filter((requestId) => !kept.has(requestId));
}

/**
 * Reads answered with `field`'s data whose audit row `database` does not hold: should be none
 * (a subgraph records a read before its answer leaves).
 */
export async function unauditedReads(
  answers: readonly Answer[],
  field: 'claimant' | 'prisoner' | 'supportRecords',
  database: DataSource,
): Promise<string[]> {
  const answered = answers
    .filter((a) => a.kind === 'read' && a.status === 200)
    .filter((a) => (a.body?.data?.person as Record<string, unknown> | null)?.[field])
    .map((a) => a.requestId);
  const rows = await database
    .getRepository(AuditEntry)
    .createQueryBuilder('entry')
    .select('entry.requestId', 'requestId')
    .where('entry.requestId LIKE :prefix', { prefix: 'fault-read-%' })
    .getRawMany<{ requestId: string }>();
  const audited = new Set(rows.map((row) => row.requestId));
  return answered.filter((requestId) => !audited.has(requestId));
}
