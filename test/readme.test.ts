import { readFileSync } from 'node:fs';
import path from 'node:path';
import { accessMatrix } from '../lib/access/matrix';
import { CONFIG_VARIABLES } from '../lib/config';
import { ROOT_DIR } from '../lib/paths';
import { demoPerson } from '../seed/demo';
import { LIFE_RATES } from '../seed/rates';
import { DWP_ACCESS } from '../subgraphs/dwp/access';
import { IDENTITY_ACCESS } from '../subgraphs/identity/access';
import { MOJ_ACCESS } from '../subgraphs/moj/access';
import { VCS_ACCESS } from '../subgraphs/vcs/access';

const readme = readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');

describe('README', () => {
  it('documents exactly the variables lib/config.ts reads', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((match) => match[1]);

    expect(documented.sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('queries a person the demo data really holds', () => {
    const [id] = readme.match(/"id": "([0-9a-f-]{36})"/)?.slice(1) ?? [];

    expect(id).toBe(demoPerson().id);
  });

  it("asks for the prison history of the demo person's NINO", () => {
    const [nino] = readme.match(/"variables": \{ "nino": "([A-Z0-9]{9})" \}/)?.slice(1) ?? [];
    const claimant = demoPerson().records.find((r) => r.recordKind === 'DWP_CLAIMANT');

    expect(nino).toBe(claimant?.recordId);
  });

  it("sends the reporting tools' registered CohortOutcomes document by its id", () => {
    const manifest = JSON.parse(
      readFileSync(path.join(ROOT_DIR, 'gateway', 'trusted-documents', 'manifest.json'), 'utf8'),
    ) as { operations: { id: string; name: string }[] };
    const [id] = readme.match(/"documentId": "([0-9a-f]{64})"/)?.slice(1) ?? [];

    expect(id).toBe(manifest.operations.find((o) => o.name === 'CohortOutcomes')?.id);
  });

  it('gives the start and test commands that .ci/run runs', () => {
    const ci = readFileSync(path.join(ROOT_DIR, '.ci', 'run'), 'utf8');

    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(ci).toMatch(/^npm ci && npm test$/m);
  });
});

describe('README rates table', () => {
  it('shows every rate the seed uses, with its value and source', () => {
    const cells = (...values: string[]) =>
      new RegExp(
        values.map((v) => `\\|\\s*${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`).join('') +
          '\\|',
      );
    for (const [name, rate] of Object.entries(LIFE_RATES)) {
      expect(readme).toMatch(cells(`\`${name}\``, String(rate.value), rate.source));
    }
  });
});

describe('README access table', () => {
  it('is the table the subgraphs enforce', () => {
    const table = /<!-- access-matrix:start -->\n([\s\S]*?)\n<!-- access-matrix:end -->/.exec(
      readme,
    )?.[1];

    expect(table).toBe(
      accessMatrix({
        dwp: DWP_ACCESS,
        moj: MOJ_ACCESS,
        vcs: VCS_ACCESS,
        identity: IDENTITY_ACCESS,
      }),
    );
  });
});
