import { registerEnumType } from 'type-graphql';

export enum AppointmentKind {
  INITIAL_INTERVIEW = 'INITIAL_INTERVIEW',
  CLAIMANT_COMMITMENT = 'CLAIMANT_COMMITMENT',
  WORK_SEARCH_REVIEW = 'WORK_SEARCH_REVIEW',
  WORK_FOCUSED_INTERVIEW = 'WORK_FOCUSED_INTERVIEW',
  PRISON_WORK_COACH_VISIT = 'PRISON_WORK_COACH_VISIT',
}

export enum Attendance {
  ATTENDED = 'ATTENDED',
  MISSED = 'MISSED',
  BOOKED = 'BOOKED',
}

registerEnumType(AppointmentKind, { name: 'AppointmentKind' });
registerEnumType(Attendance, {
  name: 'Attendance',
  description: 'Whether the claimant came; BOOKED until the day has passed.',
});
