import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../lib/auth/roles';
import { demoPerson } from '../seed/demo';
import { type TestHub, startTestHub } from './support/hub';

// The hub's spans, as an OTLP collector receives them: one trace from the caller through the
// gateway into each subgraph it reached, under the request's id, naming no one. And a collector
// that goes away costs the hub nothing but a warning.

const JOINED_PERSON = `
  query JoinedPerson($id: ID!) {
    person(id: $id) {
      id givenName familyName dateOfBirth
      claimant { nino givenName familyName dateOfBirth jobcentre }
      prisoner { prisonNumber givenName familyName latestCustodyPeriod { releaseDate } }
    }
  }`;

interface Person {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  claimant: { nino: string; jobcentre: string | null } | null;
  prisoner: { prisonNumber: string; latestCustodyPeriod: { releaseDate: string } | null } | null;
}

type Attribute = { key: string; value: { stringValue?: string; intValue?: number | string } };

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind: number;
  attributes: Attribute[];
}

const SERVER = 2;

/** A real OTLP/HTTP receiver: keeps every JSON body POSTed to /v1/traces. */
class Collector {
  readonly bodies: string[] = [];
  private readonly server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') this.bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve((this.server.address() as AddressInfo).port),
      ),
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  spans(traceId?: string): Span[] {
    return this.bodies
      .flatMap((body) => (JSON.parse(body) as { resourceSpans: ResourceSpans[] }).resourceSpans)
      .flatMap(({ resource, scopeSpans }) => {
        const service = String(attribute(resource, 'service.name'));
        return scopeSpans.flatMap(({ spans }) => spans.map((span) => ({ ...span, service })));
      })
      .filter((span) => !traceId || span.traceId === traceId);
  }
}

interface ResourceSpans {
  resource: { attributes: Attribute[] };
  scopeSpans: { spans: Omit<Span, 'service'>[] }[];
}

const attribute = (holder: { attributes: Attribute[] }, key: string) => {
  const value = holder.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};

async function until<T>(what: string, look: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = look();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe('traces, exported by OTLP', () => {
  const collector = new Collector();
  let hub: TestHub;
  let person: Person;

  beforeAll(async () => {
    const port = await collector.listen();
    hub = await startTestHub('embedded', {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
    });
    const answer = await hub.ask(JOINED_PERSON, { id: demoPerson().id }, Role.DATA_STEWARD);
    person = (answer.body as { data: { person: Person } }).data.person;
    expect(person.prisoner?.prisonNumber).toBeTruthy();
  });

  afterAll(async () => {
    await hub?.stop();
    await collector.close();
  });

  /** The joined-person query, sent as part of the caller's own trace. */
  async function askInTrace(headers: Record<string, string> = {}) {
    const trace = { traceId: hex(16), spanId: hex(8), requestId: `trace-sample-${randomUUID()}` };
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: await hub.authorization(Role.DATA_STEWARD),
        traceparent: `00-${trace.traceId}-${trace.spanId}-01`,
        'x-request-id': trace.requestId,
        ...headers,
      },
      body: JSON.stringify({ query: JOINED_PERSON, variables: { id: person.id } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { person: Person } }).data.person).toEqual(person);
    return trace;
  }

  it('follows one request from the caller through the gateway into each subgraph', async () => {
    const sent = await askInTrace({
      tracestate: 'caller=not-ours',
      baggage: `name=${person.familyName}`,
    });
    const server = (service: string) => (span: Span) =>
      span.service === `hub-${service}` && span.kind === SERVER;
    const spans = await until('server spans from the gateway and each subgraph reached', () => {
      const found = collector.spans(sent.traceId);
      const whole = found.every(
        (span) =>
          span.parentSpanId === sent.spanId ||
          found.some((parent) => parent.spanId === span.parentSpanId),
      );
      const all = ['gateway', 'identity', 'dwp', 'moj'].every((s) => found.some(server(s)));
      return whole && all ? found : undefined;
    });

    const edge = spans.filter(server('gateway'));
    expect(edge).toHaveLength(1);
    expect(edge[0]).toMatchObject({ name: 'POST /graphql', parentSpanId: sent.spanId });
    expect(attribute(edge[0], 'http.response.status_code')).toBe(200);
    expect(attribute(edge[0], 'hub.caller.role')).toBe(Role.DATA_STEWARD);
    // Apollo's own spans (gateway.plan only while the plan is not cached).
    expect(spans.filter((s) => s.service === 'hub-gateway').map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'gateway.request',
        'gateway.validate',
        'gateway.execute',
        'gateway.fetch',
      ]),
    );
    for (const subgraph of ['identity', 'dwp', 'moj']) {
      const fetches = spans.filter((s) => s.name === 'gateway.fetch');
      const called = spans
        .filter(server(subgraph))
        .filter((span) => fetches.some((f) => f.spanId === span.parentSpanId));
      expect(called.length).toBeGreaterThan(0);
      for (const span of called) {
        const fetch = fetches.find((f) => f.spanId === span.parentSpanId) as Span;
        expect(attribute(fetch, 'service')).toBe(subgraph);
      }
    }
    for (const span of spans.filter((s) => s.kind === SERVER)) {
      expect(attribute(span, 'hub.request_id')).toBe(sent.requestId);
    }
    expect(spans.filter((span) => span.traceState)).toEqual([]);
  });

  it('records no one: no name, date of birth, NINO, prison number, id, query or variable', () => {
    const payload = collector.bodies.join('\n');
    expect(collector.spans().length).toBeGreaterThan(20);
    const personal = [
      person.givenName,
      person.familyName,
      person.dateOfBirth,
      person.claimant?.nino,
      person.prisoner?.prisonNumber,
      person.id,
    ].filter((value): value is string => Boolean(value));
    for (const value of personal) expect(payload).not.toContain(value);
    for (const text of ['givenName', 'prisonNumber', 'not-ours']) {
      expect(payload).not.toContain(text);
    }
  });

  it('sends the spans still queued when a service stops', async () => {
    const sent = await askInTrace();
    const stopped = Date.now();
    await hub.hub.stopService('gateway');
    // Well within the 5 s the batch would otherwise wait.
    await until(
      'the gateway’s spans, sent as it stopped',
      () => collector.spans(sent.traceId).find((s) => s.service === 'hub-gateway'),
      2_000,
    );
    expect(Date.now() - stopped).toBeLessThan(4_000);
    await hub.hub.startService('gateway');
  });

  it('answers as fast as ever when the collector is gone, and says so in a warning', async () => {
    await collector.close();
    const started = Date.now();
    await askInTrace();
    expect(Date.now() - started).toBeLessThan(2_000);
    await until(
      'a warning that spans are not exported',
      () => hub.hub.logs('gateway').find((line) => line.includes('tracing trouble')),
      30_000,
    );
  });
});
