import type { EntityManager } from 'typeorm';
import { ErrorCode, badUserInput, hubError } from '../../../lib/errors';
import { newPersonId, personFor, toSourceRecord } from '../linking/linkage-store';
import { RECORD_KIND, SOURCE_OF_KIND, type RecordSource } from '../linking/source-record';
import { LinkStatus, PersonLink } from '../person/person-link.entity';
import { Person } from '../person/person.entity';
import { StoredSourceRecord } from '../records/source-record.entity';
import { LinkReview, ReviewStatus } from './link-review.entity';
import { type DecisionKind, StewardDecisionRecord } from './steward-decision.entity';

/** Who decided, when and why: kept with every decision. */
export interface Decider {
  decidedBy: string;
  note: string | null;
  now: string;
}

const keyOf = (link: PersonLink) => `${SOURCE_OF_KIND[link.recordKind]}:${link.recordId}`;

function parseKey(key: string): { recordKind: PersonLink['recordKind']; recordId: string } {
  const [source, ...rest] = key.split(':');
  const kind = RECORD_KIND[source as RecordSource];
  if (!kind || !rest.length)
    throw badUserInput(
      'recordKeys',
      `"${key}" is not a record key like dwp:AB123456C or vcs:<id>.`,
    );
  return { recordKind: kind, recordId: rest.join(':') };
}

async function record(
  manager: EntityManager,
  kind: DecisionKind,
  recordA: string,
  recordB: string,
  by: Decider,
) {
  await manager
    .getRepository(StewardDecisionRecord)
    .insert({ kind, recordA, recordB, decidedBy: by.decidedBy, decidedAt: by.now, note: by.note });
}

async function linksOf(manager: EntityManager, personId: string): Promise<PersonLink[]> {
  const links = await manager
    .getRepository(PersonLink)
    .find({ where: { personId }, order: { id: 'ASC' } });
  if (!links.length) throw hubError(ErrorCode.NOT_FOUND, `No person has the id ${personId}.`);
  return links;
}

async function linkOf(manager: EntityManager, key: string): Promise<PersonLink> {
  const link = await manager.getRepository(PersonLink).findOneBy(parseKey(key));
  if (!link) throw hubError(ErrorCode.NOT_FOUND, `No linked record has the key ${key}.`);
  return link;
}

/** Moves every record of `from` into `into`, marks them confirmed, and removes `from`. */
async function moveAll(manager: EntityManager, from: string, into: string): Promise<void> {
  await manager.getRepository(PersonLink).update({ personId: from }, { personId: into });
  await manager.getRepository(Person).delete({ id: from });
}

export async function decideReview(
  manager: EntityManager,
  id: string,
  samePerson: boolean,
  by: Decider,
): Promise<LinkReview> {
  const reviews = manager.getRepository(LinkReview);
  const review = await reviews.findOneBy({ id });
  if (!review) throw hubError(ErrorCode.NOT_FOUND, `No link review has the id ${id}.`);
  if (review.status !== ReviewStatus.PENDING)
    throw badUserInput('id', `This review was already decided (${review.status.toLowerCase()}).`);
  const [a, b] = [await linkOf(manager, review.recordA), await linkOf(manager, review.recordB)];
  if (samePerson) {
    await record(manager, 'SAME_PERSON', review.recordA, review.recordB, by);
    if (a.personId !== b.personId) await moveAll(manager, b.personId, a.personId);
    await manager.getRepository(PersonLink).update([a.id, b.id], { status: LinkStatus.CONFIRMED });
  } else {
    await record(manager, 'DIFFERENT_PEOPLE', review.recordA, review.recordB, by);
    if (a.personId === b.personId) await splitOff(manager, a.personId, [keyOf(b)], by);
  }
  const status = samePerson ? ReviewStatus.CONFIRMED : ReviewStatus.REJECTED;
  await reviews.update({ id }, { status, decidedBy: by.decidedBy, decidedAt: by.now });
  return { ...review, status, decidedBy: by.decidedBy, decidedAt: by.now };
}

/** The listed records leave the person for a new one; each is kept apart from those that stay. */
export async function splitOff(
  manager: EntityManager,
  personId: string,
  keys: string[],
  by: Decider,
): Promise<Person> {
  const links = await linksOf(manager, personId);
  const moving = links.filter((link) => keys.includes(keyOf(link)));
  const unknown = keys.filter((key) => !moving.some((link) => keyOf(link) === key));
  if (unknown.length)
    throw badUserInput('recordKeys', `Not records of person ${personId}: ${unknown.join(', ')}.`);
  if (moving.length === links.length || !moving.length)
    throw badUserInput('recordKeys', 'Name some, not all, of the person’s records to split off.');
  const staying = links.filter((link) => !moving.includes(link));
  for (const leaving of moving)
    for (const stays of staying)
      await record(manager, 'DIFFERENT_PEOPLE', keyOf(leaving), keyOf(stays), by);
  for (let i = 1; i < moving.length; i++)
    await record(manager, 'SAME_PERSON', keyOf(moving[0]), keyOf(moving[i]), by);
  const stored = await manager
    .getRepository(StoredSourceRecord)
    .findBy(
      moving.map((link) => ({ source: SOURCE_OF_KIND[link.recordKind], sourceId: link.recordId })),
    );
  const id = await newPersonId(manager, [...moving.map(keyOf)].sort()[0]);
  const person = personFor(id, stored.map(toSourceRecord));
  await manager.getRepository(Person).insert(person);
  await manager.getRepository(PersonLink).update(
    moving.map((link) => link.id),
    { personId: id, status: LinkStatus.CONFIRMED },
  );
  return person;
}

/** Two people are one: a decision tying them, and every record moved into the first. */
export async function mergePeople(
  manager: EntityManager,
  personId: string,
  otherPersonId: string,
  by: Decider,
): Promise<Person> {
  if (personId === otherPersonId)
    throw badUserInput('otherPersonId', 'A person cannot be merged with themself.');
  const [kept, merged] = [await linksOf(manager, personId), await linksOf(manager, otherPersonId)];
  await record(manager, 'SAME_PERSON', keyOf(kept[0]), keyOf(merged[0]), by);
  await moveAll(manager, otherPersonId, personId);
  await manager.getRepository(PersonLink).update({ personId }, { status: LinkStatus.CONFIRMED });
  return (await manager.getRepository(Person).findOneBy({ id: personId })) as Person;
}
