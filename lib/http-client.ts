import type { FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';

/**
 * Calls between hub services: undici's own request API on a pooled agent, the answer read whole.
 * Node's fetch (WHATWG Request, Headers and streams over the same undici) cost the gateway and
 * identity each about 40% more CPU a joined view, in `npm run bench:gateways`.
 */

/** A POST's answer, read whole. */
export interface Answered {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Shorter than the services' own keep-alive, so the caller always closes an idle socket first. */
const IDLE_SOCKET_MS = 30_000;

export function pooledAgent(): Agent {
  return new Agent({ keepAliveTimeout: IDLE_SOCKET_MS, keepAliveMaxTimeout: IDLE_SOCKET_MS });
}

/**
 * POSTs `body` and reads the whole answer. Aborted by `signal`, it rejects with the signal's
 * reason (a TimeoutError from AbortSignal.timeout), as fetch does.
 */
export async function post(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<Answered> {
  const response = await request(url, { method: 'POST', headers, body, signal, dispatcher: agent });
  return {
    status: response.statusCode,
    headers: response.headers,
    text: await response.body.text(),
  };
}

/** An answer read whole, as the fetch-like response Apollo's data sources take. */
export function fetcherResponse(url: string, answer: Answered): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    bodyUsed: false,
    url,
    redirected: false,
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    statusText: '',
    headers,
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(answer.text).buffer as ArrayBuffer),
    text: () => Promise.resolve(answer.text),
    json: () => Promise.resolve().then(() => JSON.parse(answer.text) as unknown),
    clone: () => fetcherResponse(url, answer),
  };
}
