import { Purpose, type RequestContext, Role } from '../auth/roles';
import { perGatewayRequest } from './per-request';

const request = (nonce: string | undefined, subject = 'user-1'): RequestContext => ({
  caller: { subject, role: Role.COORDINATOR, organisation: 'org-1', purposes: [] },
  purpose: Purpose.EMPLOYMENT_SUPPORT,
  requestId: 'chosen-by-the-client',
  nonce,
});

describe('work done once per gateway request', () => {
  const counting = () => {
    let calls = 0;
    const work = perGatewayRequest((_request: RequestContext, kind: string) =>
      Promise.resolve(`${kind}:${++calls}`),
    );
    return { work, calls: () => calls };
  };

  it('is shared by the calls of one request, and done afresh for the next', async () => {
    const { work, calls } = counting();
    expect(await work(request('a'), 'x')).toBe('x:1');
    expect(await work(request('a'), 'x')).toBe('x:1');
    expect(await work(request('b'), 'x')).toBe('x:2');
    expect(calls()).toBe(2);
  });

  it('is not shared across arguments, callers, or calls with no nonce', async () => {
    const { work, calls } = counting();
    await work(request('a'), 'x');
    await work(request('a'), 'y');
    await work(request('a', 'user-2'), 'x');
    await work(request(undefined), 'x');
    await work(request(undefined), 'x');
    expect(calls()).toBe(5);
  });

  it('does not keep a failure', async () => {
    let calls = 0;
    const work = perGatewayRequest(() =>
      ++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve('up'),
    );
    await expect(work(request('a'))).rejects.toThrow('down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await work(request('a'))).toBe('up');
  });
});
