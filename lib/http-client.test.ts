import { type PostServer, answerJson, postServer } from '../test/support/post-server';
import { fetcherResponse, pooledAgent, post } from './http-client';

// Calls between hub services, against a real HTTP server: one that answers, and one that hangs.

describe('a call to another hub service', () => {
  const agent = pooledAgent();
  let server: PostServer;
  let url: string;

  beforeAll(async () => {
    server = await postServer((body, request, response) => {
      if (request.url === '/hang') return;
      const echo = { echoed: body, token: request.headers['x-token'] };
      answerJson(response, echo, request.url === '/refuse' ? 401 : 200);
    });
    url = server.url;
  });
  afterAll(async () => {
    await agent.close();
    await server.close();
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
