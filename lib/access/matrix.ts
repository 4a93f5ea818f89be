import { Purpose, Role } from '../auth/roles';
import { type AccessPolicy, type Grant } from './policy';

const COLUMNS: { title: string; grant: (grants: readonly Grant[]) => boolean }[] = [
  { title: 'Coordinator', grant: (g) => g.includes(Role.COORDINATOR) },
  { title: 'Jobcentre adviser', grant: (g) => g.includes(Role.JOBCENTRE_ADVISER) },
  { title: 'Reporting', grant: (g) => g.includes(Role.REPORTING) },
  {
    title: 'Steward, link review',
    grant: (g) => g.includes(`${Role.DATA_STEWARD}:${Purpose.LINKAGE_REVIEW}`),
  },
  {
    title: 'Steward, subject access',
    grant: (g) => g.includes(`${Role.DATA_STEWARD}:${Purpose.SUBJECT_ACCESS}`),
  },
];

/**
 * The README's access table, made from the policies the subgraphs enforce: one row per type and
 * set of fields read alike, a tick where a role may read them.
 */
export function accessMatrix(policies: Record<string, AccessPolicy>): string {
  const header = ['Subgraph', 'Type', 'Fields', ...COLUMNS.map((c) => c.title)];
  const rows: string[][] = [];
  for (const [subgraph, policy] of Object.entries(policies)) {
    for (const [typeName, access] of Object.entries(policy.types)) {
      const groups = new Map<string, { fields: string[]; grants: readonly Grant[] }>();
      for (const [field, grants] of Object.entries(access.fields)) {
        const id = [...grants].sort().join(',') + (access.conditions?.[field] ? '*' : '');
        const group = groups.get(id) ?? { fields: [], grants };
        group.fields.push(access.conditions?.[field] ? `${field}*` : field);
        groups.set(id, group);
      }
      for (const { fields, grants } of groups.values()) {
        const ticks = COLUMNS.map((c) => (c.grant(grants) ? '✓' : '—'));
        rows.push([subgraph, typeName, fields.join(', '), ...ticks]);
      }
    }
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
