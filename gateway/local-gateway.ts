import { ApolloGateway, type GatewayConfig } from '@apollo/gateway';

/**
 * An ApolloGateway that sends nothing to Apollo. Since 2.x it reports the host's CPU and memory
 * to usage-reporting.api.apollographql.com every few seconds unless APOLLO_TELEMETRY_DISABLED is
 * set: a public-sector hub sends no data to a vendor, and each attempt costs a TLS handshake
 * (0.1 s of the gateway's CPU in 7 s of a reporting benchmark).
 */
export function localGateway(config: GatewayConfig): ApolloGateway {
  // Not a setting of ours: the only switch Apollo reads, and never to be turned back on.
  // eslint-disable-next-line no-restricted-properties
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Its spans (gateway.request, .plan, .execute, .fetch, …) name the operation only: never the
  // document, nor errors, whose messages may repeat a value from the query.
  return new ApolloGateway({
    ...config,
    telemetry: { includeDocument: false, recordExceptions: false },
  });
}
