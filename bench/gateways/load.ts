import { Agent, request } from 'undici';
import { type LoadFigures, closedLoop } from '../closed-loop';
import type { Stack } from './stacks';
import { type Caseload, type QueryName, goodAnswer, requestBody } from './workloads';

export type Workload = QueryName | 'mix';

export const WORKLOADS: Workload[] = ['person', 'page', 'report', 'mix'];
const MIX: QueryName[] = ['person', 'page', 'report'];

/** Distinct user tokens minted before any run: a coordinator's, and a reporting tool's. */
export interface Tokens {
  coordinator: string[];
  reporting: string[];
}

/** Where each kind of token was taken up to: a token is not sent again until all have been. */
const taken = { coordinator: 0, reporting: 0 };

function authorization(tokens: Tokens, query: QueryName): string {
  const pool = query === 'report' ? 'reporting' : 'coordinator';
  return `Bearer ${tokens[pool][taken[pool]++ % tokens[pool].length]}`;
}

export interface LoadPlan {
  caseload: Caseload;
  tokens: Tokens;
  /** Rows a good comparison report has (as all three answered it first). */
  reportRows: number;
  seconds: number;
  connections: number;
  maxRequests: number;
}

/**
 * One bounded closed-loop run of a workload against one gateway, every answer checked. The mix
 * sends the three questions in turn. Every request carries its own token; (b) and (c) are sent
 * the same headers and ignore them.
 */
export async function loadRun(stack: Stack, workload: Workload, plan: LoadPlan) {
  const agent = new Agent({ connections: plan.connections, keepAliveTimeout: 30_000 });
  const counts: Record<QueryName, number> = { person: 0, page: 0, report: 0 };
  const send = async (index: number) => {
    const query = workload === 'mix' ? MIX[index % MIX.length] : workload;
    const nth = counts[query]++;
    const response = await request(stack.endpoint, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'application/json',
        authorization: authorization(plan.tokens, query),
      },
      body: requestBody(query, nth, plan.caseload),
    });
    const text = await response.body.text();
    return goodAnswer(query, nth, plan.caseload, response.statusCode, text, plan.reportRows);
  };
  try {
    return await closedLoop(send, plan);
  } finally {
    await agent.close();
  }
}

export type { LoadFigures };
