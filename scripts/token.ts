/**
 * `npm run token -- --role COORDINATOR --org <organisation> [--purpose P ...] [--subject S]
 * [--expires 8h]`: prints a dev user token, signed with the local dev key, on stdout.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../lib/config';
import { Purpose, ROLE_PURPOSES, Role } from '../lib/auth/roles';
import { DevTokenError, mintDevToken } from '../lib/auth/user-token';

const USAGE = `Usage: npm run --silent token -- --role ROLE --org ORGANISATION [--purpose PURPOSE ...]
                      [--subject SUBJECT] [--expires 8h]

  --role      one of ${Object.values(Role).join(', ')}
  --org       the organisation id the user works for
  --purpose   a purpose the role may use (repeat for several); default: all of them
${Object.values(Role)
  .map((role) => `                ${role}: ${ROLE_PURPOSES[role].join(', ')}`)
  .join('\n')}
  --subject   the user id (sub); default: dev-<role in lower case>
  --expires   how long the token lasts, e.g. 30m, 8h, 2d; default 8h`;

/** Bad input: the message says what to fix; exit status 2. */
class UsageError extends Error {}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        org: { type: 'string' },
        purpose: { type: 'string', multiple: true },
        subject: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const roleName = values.role?.trim().toUpperCase();
  if (!roleName) throw new UsageError('--role is required.');
  if (!Object.values(Role).includes(roleName as Role)) {
    throw new UsageError(
      `--role ${values.role} is not a role: use one of ${Object.values(Role).join(', ')}.`,
    );
  }
  const role = roleName as Role;
  if (!values.org?.trim()) throw new UsageError('--org is required: the organisation id.');
  const purposes = values.purpose?.map((p) => {
    const name = p.trim().toUpperCase();
    if (!Object.values(Purpose).includes(name as Purpose)) {
      throw new UsageError(
        `--purpose ${p} is not a purpose: use one of ${Object.values(Purpose).join(', ')}.`,
      );
    }
    if (!ROLE_PURPOSES[role].includes(name as Purpose)) {
      throw new UsageError(
        `--purpose ${name} is not allowed for ${role}: use ${ROLE_PURPOSES[role].join(', ')}.`,
      );
    }
    return name as Purpose;
  });
  if (values.subject !== undefined && !values.subject.trim()) {
    throw new UsageError('--subject must not be blank.');
  }
  return {
    role,
    organisation: values.org.trim(),
    purposes,
    subject: values.subject?.trim(),
    expiresIn: values.expires,
  };
}

async function main(): Promise<number> {
  try {
    const request = parse(process.argv.slice(2));
    if (!request) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = loadConfig();
    process.stdout.write(`${await mintDevToken(config, request)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof DevTokenError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Could not make a token: ${(error as Error).message}\n`);
    return 1;
  }
}

void main().then((status) => {
  process.exitCode = status;
});
