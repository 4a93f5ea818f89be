import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GraphQLSchema, graphql } from 'graphql';

/** A real HTTP server on loopback standing in for another service, for a client's tests. */
export interface PostServer {
  /** `http://127.0.0.1:<port>`, without a path. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts one that reads each request's whole body and hands it to `answer`, which replies (or,
 * to hang, does not). Closing drops any connection still open.
 */
export async function postServer(
  answer: (body: string, request: IncomingMessage, response: ServerResponse) => void,
): Promise<PostServer> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(body, request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Replies with `value` as JSON. */
export function answerJson(response: ServerResponse, value: unknown, status = 200): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(value));
}

/** Runs a GraphQL POST body against `schema` and `rootValue`, and replies with the result. */
export function answerGraphql(
  schema: GraphQLSchema,
  rootValue: unknown,
  body: string,
  response: ServerResponse,
): void {
  const { query, variables } = JSON.parse(body) as {
    query: string;
    variables: Record<string, unknown>;
  };
  void graphql({ schema, source: query, rootValue, variableValues: variables }).then((result) =>
    answerJson(response, result),
  );
}
