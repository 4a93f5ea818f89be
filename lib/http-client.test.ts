import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetcherResponse, pooledAgent, post } from './http-client';

// Calls between hub services, against a real HTTP server: one that answers, and one that hangs.

describe('a call to another hub service', () => {
  const agent = pooledAgent();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/hang') return;
        response.statusCode = request.url === '/refuse' ? 401 : 200;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ echoed: body, token: request.headers['x-token'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the body and headers, and reads the whole answer', async () => {
    const answer = await post(
      agent,
      `${url}/ok`,
      { 'x-token': 't1' },
      '{"q":1}',
      AbortSignal.timeout(5000),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ echoed: '{"q":1}', token: 't1' });
    const response = fetcherResponse(`${url}/ok`, answer);
    expect(response.ok).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await response.json()).toEqual({ echoed: '{"q":1}', token: 't1' });
  });

  it('gives a refusal as a response that is not ok, with its status', async () => {
    const answer = await post(agent, `${url}/refuse`, {}, '{}', AbortSignal.timeout(5000));
    const response = fetcherResponse(`${url}/refuse`, answer);
    expect([response.ok, response.status]).toEqual([false, 401]);
    expect(await response.text()).toContain('echoed');
  });

  it('gives up when the signal says, with a TimeoutError as fetch would', async () => {
    const started = Date.now();
    const call = post(agent, `${url}/hang`, {}, '{}', AbortSignal.timeout(200));
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
