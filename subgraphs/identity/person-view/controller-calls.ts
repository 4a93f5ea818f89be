import {
  CONTROLLER_SCOPED_KINDS,
  HANDED_SCOPE_EXTENSION,
  type HandedScope,
  handedScope,
  handsOver,
} from '../../../lib/access/handed-scope';
import type { RecordScopes } from '../../../lib/access/scope';
import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { SubgraphCallError, answerOf } from '../../../lib/internal-call';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import type { SubgraphName } from '../../../lib/subgraphs';

/** One root field to ask of a controller: `field(argument: value) { selection }`. */
export interface FieldQuestion {
  field: string;
  argument: string;
  /** The argument's GraphQL type, e.g. `[String!]!`. */
  type: string;
  selection: string;
  value: unknown;
}

interface Waiting extends FieldQuestion {
  resolve: (rows: unknown) => void;
  reject: (error: Error) => void;
}

/** Asks one field of a controller, in the same call as the others asked of it this turn. */
export type AskController = <T>(subgraph: SubgraphName, question: FieldQuestion) => Promise<T>;

/** The user's scope over some kinds of record, as identity works it out for this request. */
export type UserScopes = (kinds: readonly string[]) => Promise<RecordScopes>;

/**
 * Identity's questions to the controllers for one request, as the identity service. Those put to
 * one controller in the same turn of the event loop (a person's readiness and timeline alike) go
 * as one call, each field aliased, so a view costs each controller one call, one token and one
 * audit write rather than one per kind of fact. A field's error fails that field alone when the
 * others keep their answers; one that empties the whole answer (a non-null field) fails them all,
 * as a controller that is down does. Each call hands over the user's scope over that controller's
 * records, so the gateway's own call to it for this request need not ask identity again.
 */
export function controllerCalls(
  config: Config | undefined,
  request: RequestContext,
  scopes?: UserScopes,
): AskController {
  const open = new Map<SubgraphName, { asked: Waiting[]; keys: number }>();
  return <T>(subgraph: SubgraphName, question: FieldQuestion) =>
    new Promise<T>((resolve, reject) => {
      const keys = Array.isArray(question.value) ? question.value.length : 1;
      let batch = open.get(subgraph);
      // A call carries at most MAX_FACT_KEYS keys, as each question does: its body stays small.
      if (!batch || batch.keys + keys > MAX_FACT_KEYS) {
        const next = (batch = { asked: [], keys: 0 });
        open.set(subgraph, next);
        setImmediate(() => {
          if (open.get(subgraph) === next) open.delete(subgraph);
          void send(config, request, subgraph, next.asked, scopes);
        });
      }
      batch.keys += keys;
      batch.asked.push({ ...question, resolve: resolve as (rows: unknown) => void, reject });
    });
}

async function send(
  config: Config | undefined,
  request: RequestContext,
  subgraph: SubgraphName,
  asked: Waiting[],
  scopes?: UserScopes,
): Promise<void> {
  const alias = (i: number) => `q${i}`;
  const declarations = asked.map((q, i) => `$${alias(i)}: ${q.type}`).join(', ');
  const fields = asked.map(
    (q, i) => `${alias(i)}: ${q.field}(${q.argument}: $${alias(i)}) { ${q.selection} }`,
  );
  const variables = Object.fromEntries(asked.map((q, i) => [alias(i), q.value]));
  try {
    if (!config) throw new Error('This service was started without the hub settings.');
    const handing = await handingOver(request, subgraph, scopes);
    const url = config.subgraphs[subgraph].url;
    const handed = handing && HANDED_LATELY.shortened(url, handing);
    const extensions = handed && { [HANDED_SCOPE_EXTENSION]: handed };
    const { data, errors } = await answerOf<Record<string, unknown>>(
      config,
      subgraph,
      // As the identity service, with the user's request id (so the controllers' logs name it)
      // and the gateway's nonce (so they read each record once for the whole request).
      {
        caller: IDENTITY_SERVICE_CALLER,
        purpose: Purpose.RECORD_LINKAGE,
        requestId: request.requestId,
        nonce: request.nonce,
      },
      { query: `query (${declarations}) { ${fields.join(' ')} }`, variables, extensions },
    );
    if (handed?.scopes) HANDED_LATELY.handed(url, handed.digest);
    asked.forEach((q, i) => {
      const failed = errors.filter((e) => e.path?.[0] === alias(i) || !e.path?.length);
      const rows = data[alias(i)];
      if (failed.length || rows === undefined || rows === null) {
        const reason = failed.map((e) => e.message).join('; ') || 'no answer';
        q.reject(new SubgraphCallError(`${subgraph} refused ${q.field}: ${reason}`));
      } else q.resolve(rows);
    });
  } catch (error) {
    for (const q of asked) q.reject(error as Error);
  }
}

/** The user's scope to hand to `subgraph`, if it may be worked out now. */
async function handingOver(
  request: RequestContext,
  subgraph: SubgraphName,
  scopes: UserScopes | undefined,
): Promise<HandedScope | undefined> {
  const kinds = CONTROLLER_SCOPED_KINDS[subgraph];
  // Worked out only when it can be handed over: a request with no nonce would work it out afresh.
  if (!scopes || !kinds || !handsOver(request, subgraph)) return undefined;
  // Not worked out, the controller asks for it itself, and gets the same answer or error.
  return scopes(kinds).then(
    (known) => handedScope(request, subgraph, known),
    () => undefined,
  );
}

/**
 * After a controller has been handed a scope whole, it is sent by digest alone for a minute: the
 * controller keeps it. Then whole again, so a controller that restarted or let it go (and asks
 * identity meanwhile, as with none handed) is soon handed it again.
 */
const SENT_BY_DIGEST_MS = 60_000;

/** Most (controller, digest) pairs remembered: far more than the charities' caseloads. */
const REMEMBERED = 10_000;

class HandedLately {
  private readonly until = new Map<string, number>();

  /** `scope` as it need be sent to the controller at `url`: by digest alone if handed lately. */
  shortened(url: string, scope: HandedScope): HandedScope {
    const until = this.until.get(`${url}\n${scope.digest}`);
    return until !== undefined && until > Date.now() ? { ...scope, scopes: undefined } : scope;
  }

  handed(url: string, digest: string): void {
    const key = `${url}\n${digest}`;
    this.until.delete(key);
    this.until.set(key, Date.now() + SENT_BY_DIGEST_MS);
    if (this.until.size > REMEMBERED) this.until.delete(this.until.keys().next().value as string);
  }
}

const HANDED_LATELY = new HandedLately();
