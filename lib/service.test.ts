import { spawnSync } from 'node:child_process';
import path from 'node:path';

// A service process meeting an error nothing caught: its last log line says so, in JSON, and it
// exits non-zero for its supervisor to restart.

const support = path.join(__dirname, '..', 'test', 'support');

function crash(how: 'throw' | 'reject') {
  const child = spawnSync(
    process.execPath,
    ['-r', path.join(support, 'register-ts.js'), path.join(support, 'crashing-service.ts'), how],
    { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LOG_LEVEL: 'info' } },
  );
  const lines = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } });
  return { status: child.status, last: lines.at(-1), stderr: child.stderr };
}

describe('a service meeting an error nothing caught', () => {
  it.each([
    ['throw', 'uncaught exception', 'a callback that threw'],
    ['reject', 'unhandled rejection', 'a promise nobody awaited'],
  ] as const)('(%s) logs it as its last line and exits 1', (how, kind, message) => {
    const { status, last, stderr } = crash(how);

    expect(status).toBe(1);
    expect(last).toMatchObject({ level: 60, msg: `crashing stopped on an ${kind}` });
    expect(last?.err?.message).toBe(message);
    expect(stderr).not.toContain(message);
  });
});
