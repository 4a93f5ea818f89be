import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { clearKeyCache } from './keys';
import { Purpose, Role } from './roles';
import { runTypeScript } from './testing';
import { verifyUserToken } from './user-token';

// scripts/token.ts, the command behind `npm run token`, run as its own process.

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-token-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const token = (args: string[], env: Record<string, string> = {}) =>
  runTypeScript(['scripts/token.ts', ...args], { NODE_ENV: 'development', DATA_DIR: dir, ...env });

describe('npm run token', () => {
  it('prints a token the hub accepts, and nothing else', async () => {
    const run = await token(['--role', 'jobcentre_adviser', '--org', 'jobcentre-leeds']);

    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    clearKeyCache();
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    await expect(verifyUserToken(run.stdout.trim(), config)).resolves.toEqual({
      subject: 'dev-jobcentre_adviser',
      role: Role.JOBCENTRE_ADVISER,
      organisation: 'jobcentre-leeds',
      purposes: [Purpose.BENEFIT_ADMINISTRATION, Purpose.EMPLOYMENT_SUPPORT],
    });
  });

  it('takes purposes, subject and expiry', async () => {
    const run = await token([
      '--role',
      'DATA_STEWARD',
      '--org',
      'hub',
      '--purpose',
      'SUBJECT_ACCESS',
      '--subject',
      'steward-2',
      '--expires',
      '15m',
    ]);
    const payload = JSON.parse(Buffer.from(run.stdout.split('.')[1], 'base64url').toString());

    expect(payload).toMatchObject({
      sub: 'steward-2',
      role: 'DATA_STEWARD',
      org: 'hub',
      purposes: ['SUBJECT_ACCESS'],
    });
    expect(payload.exp - payload.iat).toBe(900);
  });

  it.each([
    [['--org', 'x'], /--role is required/],
    [['--role', 'ADMIN', '--org', 'x'], /--role ADMIN is not a role: use one of COORDINATOR/],
    [['--role', 'COORDINATOR'], /--org is required/],
    [
      ['--role', 'COORDINATOR', '--org', 'x', '--purpose', 'STATISTICS'],
      /--purpose STATISTICS is not allowed for COORDINATOR: use EMPLOYMENT_SUPPORT/,
    ],
    [['--role', 'COORDINATOR', '--org', 'x', '--expires', 'tomorrow'], /time span/],
    [['--role', 'COORDINATOR', '--org', 'x', '--colour', 'red'], /--colour/],
  ])('refuses %j with what to fix, exit status 2, no stack trace', async (args, message) => {
    const run = await token(args);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage: npm run --silent token/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses in production', async () => {
    const run = await token(['--role', 'COORDINATOR', '--org', 'x'], { NODE_ENV: 'production' });

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/never made in production/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
