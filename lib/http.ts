import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningService {
  port: number;
  stop(): Promise<void>;
}

/**
 * Keep-alive longer than the gateway's idle socket time, so the gateway never writes to a
 * socket the subgraph has just closed (apollographql/federation#2313).
 */
const KEEP_ALIVE_MS = 65_000;

export function createHttpServer(app: Express): http.Server {
  const server = http.createServer(app);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
