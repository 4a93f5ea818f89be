import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { AppointmentKind, Attendance } from './appointment.enums';

@ObjectType({ description: 'An appointment at (or from) a Jobcentre.' })
@Entity('jobcentre_appointment')
export class JobcentreAppointment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The claimant, by National Insurance number.' })
  @Column({ type: 'varchar', length: 9 })
  nino!: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date!: string;

  @Field(() => AppointmentKind)
  @Column({ type: 'varchar', length: 40 })
  kind!: AppointmentKind;

  @Field(() => Attendance)
  @Column({ type: 'varchar', length: 40 })
  attendance!: Attendance;

  @Field(() => ID, { nullable: true, description: 'Id of the work coach seen, if known.' })
  @Column({ name: 'work_coach_id', type: 'varchar', length: 36, nullable: true })
  workCoachId!: string | null;
}
