import { sharedWhileRunning } from './shared-while-running';

describe('sharedWhileRunning', () => {
  it('runs concurrent calls with one key once, and others apart', async () => {
    const shared = sharedWhileRunning<number>();
    let runs = 0;
    const count = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const answers = await Promise.all([shared('a', count), shared('a', count), shared('b', count)]);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[2]).not.toBe(answers[0]);
    expect(runs).toBe(2);
  });

  it('keeps nothing once settled: a later call runs again, after a failure too', async () => {
    const shared = sharedWhileRunning<number>();
    await expect(shared('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(shared('a', () => Promise.resolve(1))).resolves.toBe(1);
    await expect(shared('a', () => Promise.resolve(2))).resolves.toBe(2);
  });
});
