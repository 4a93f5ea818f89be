import type { TimelineFact } from '../../../lib/person-facts';
import type { PrisonerRecord } from '../prisoner/prisoner.bundle';
import { ACTIVITY, LEVEL, RELEASE_TYPE, ROTL_PURPOSE, inWords } from './timeline-summaries';

type Kind = 'RECEPTION' | 'RELEASE' | 'ROTL_START' | 'COURSE_COMPLETED' | 'PRISON_WORK_START';

/** A prisoner's receptions, releases so far, licences, courses achieved and prison work. */
function eventsOf(record: PrisonerRecord): TimelineFact[] {
  const event = (kind: Kind, id: string, date: string, summary: string): TimelineFact => ({
    id,
    recordId: record.prisonNumber,
    kind,
    date,
    summary,
  });
  const prisons = new Map(record.establishments.map(({ code, name }) => [code, name]));
  const custody = record.custodyPeriods.flatMap((period) => {
    const prison = prisons.get(period.establishmentCode);
    if (!prison) return [];
    const how = inWords(RELEASE_TYPE, period.releaseType);
    const released = period.releaseDate
      ? [
          event(
            'RELEASE',
            `custody:${period.id}:release`,
            period.releaseDate,
            `Released from ${prison}${how ? ` (${how})` : ''}`,
          ),
        ]
      : [];
    const received = `Received into ${prison}`;
    return [
      event('RECEPTION', `custody:${period.id}:reception`, period.receptionDate, received),
      ...released,
    ];
  });
  const licences = record.temporaryLicences.map((licence) => {
    const employer = licence.employerName ? ` with ${licence.employerName}` : '';
    const purpose = inWords(ROTL_PURPOSE, licence.purpose);
    const pay = licence.paid ? 'paid' : 'unpaid';
    return event(
      'ROTL_START',
      `rotl:${licence.id}:start`,
      licence.startDate,
      `Started release on temporary licence for ${purpose}${employer} (${pay})`,
    );
  });
  const courses = record.educationCourses.flatMap((course) =>
    course.achieved && course.endDate
      ? [
          event(
            'COURSE_COMPLETED',
            `course:${course.id}:completed`,
            course.endDate,
            `Completed ${course.subject} (${inWords(LEVEL, course.level)})`,
          ),
        ]
      : [],
  );
  const work = record.workPlacements.map((placement) =>
    event(
      'PRISON_WORK_START',
      `work:${placement.id}:start`,
      placement.startDate,
      `Started prison work: ${placement.role} (${inWords(ACTIVITY, placement.activity)})`,
    ),
  );
  return [...custody, ...licences, ...courses, ...work];
}

// In code-unit order, the same on every engine.
const byDateThenId = (a: TimelineFact, b: TimelineFact) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The prisoners' custody events, by date then id. */
export const prisonTimeline = (records: PrisonerRecord[]): TimelineFact[] =>
  records.flatMap(eventsOf).sort(byDateThenId);
