import type DataLoader from 'dataloader';
import type { IdentityContext } from '../context';
import { LinkedRecordKind } from '../person/person-link.entity';
import type { Controller } from './controller-facts';

/** The keys of every record linked to a person, by the kind of record. */
export async function personRecords(personId: string, context: IdentityContext) {
  const links = await context.loaders.linksByPersonId.load(personId);
  const of = (kind: LinkedRecordKind) =>
    links.filter((link) => link.recordKind === kind).map((link) => link.recordId);
  return {
    ninos: of(LinkedRecordKind.DWP_CLAIMANT),
    prisonNumbers: of(LinkedRecordKind.MOJ_PRISONER),
    crns: of(LinkedRecordKind.MOJ_PROBATION_CASE),
    supportRecordIds: of(LinkedRecordKind.VCS_SUPPORT_RECORD),
  };
}

/** What one controller answered for some keys, each row marked with it; or that it could not. */
export interface Answer<T> {
  rows: (T & { source: Controller })[];
  unavailable: Controller | null;
}

export async function askController<T>(
  loader: DataLoader<string, T[]>,
  keys: string[],
  source: Controller,
): Promise<Answer<T>> {
  const answers = await loader.loadMany(keys);
  if (answers.some((answer) => answer instanceof Error)) return { rows: [], unavailable: source };
  const rows = (answers as T[][]).flat().map((row) => ({ ...row, source }));
  return { rows, unavailable: null };
}

/** The controllers that could not answer, each named once. */
export const unavailable = (answers: Answer<unknown>[]): Controller[] => [
  ...new Set(answers.flatMap((answer) => (answer.unavailable ? [answer.unavailable] : []))),
];
