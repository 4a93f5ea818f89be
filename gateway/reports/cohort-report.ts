import type { ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../../lib/auth/roles';
import { ErrorCode } from '../../lib/errors';
import { ROOT_DIR } from '../../lib/paths';
import { type CohortTable, cohortCsv } from './cohort-csv';

/** The one document the report route runs: the reporting tools' registered CohortOutcomes. */
export const COHORT_OUTCOMES = readFileSync(
  path.join(ROOT_DIR, 'gateway', 'trusted-documents', 'CohortOutcomes.graphql'),
  'utf8',
);

const FILTERS = [
  'releasedFrom',
  'releasedTo',
  'establishment',
  'region',
  'sex',
  'ageBand',
  'releaseType',
  'service',
  'programme',
] as const;

/**
 * GET /reports/cohort-outcomes?releasedFrom=2026-01&releasedTo=2026-06&groupBy=MONTH,REGION:
 * the same table as the cohortOutcomes query, through the same rules and controls, as CSV for a
 * spreadsheet when the caller accepts text/csv, else as the GraphQL answer.
 */
export function cohortReport(apollo: ApolloServer<RequestContext>): RequestHandler {
  return async (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    const filter = Object.fromEntries(
      FILTERS.filter((name) => typeof query[name] === 'string').map((name) => [name, query[name]]),
    );
    const groupBy =
      typeof query.groupBy === 'string' && query.groupBy ? query.groupBy.split(',') : [];
    const result = await apollo.executeOperation(
      { query: COHORT_OUTCOMES, variables: { filter, groupBy } },
      { contextValue: response.locals.request as RequestContext },
    );
    if (result.body.kind !== 'single') throw new Error('Expected one answer.');
    const { data, errors } = result.body.singleResult;
    const table = (data as { cohortOutcomes?: CohortTable } | null)?.cohortOutcomes;
    if (!table) {
      const code = errors?.[0]?.extensions?.code;
      response.status(code === ErrorCode.FORBIDDEN ? 403 : 400).json({ errors });
      return;
    }
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      response
        .type('text/csv; charset=utf-8')
        .attachment('cohort-outcomes.csv')
        .send(cohortCsv(table));
      return;
    }
    response.json({ data, errors });
  };
}
