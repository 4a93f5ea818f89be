export const SUBGRAPH_NAMES = ['identity', 'dwp', 'moj', 'vcs'] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Every service of the hub: the four subgraphs and the gateway. */
export const SERVICE_NAMES = [...SUBGRAPH_NAMES, 'gateway'] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  identity: 4001,
  dwp: 4002,
  moj: 4003,
  vcs: 4004,
};

/** The URL written into the checked-in supergraph; the gateway overrides it from config. */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
}
