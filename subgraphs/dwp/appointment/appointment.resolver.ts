import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Claimant } from '../claimant/claimant.entity';
import type { DwpContext } from '../context';
import { JobcentreAppointment } from './appointment.entity';

@Resolver(() => Claimant)
export class ClaimantAppointmentsResolver {
  @FieldResolver(() => [JobcentreAppointment], {
    nullable: true,
    description: 'Jobcentre appointments, earliest first.',
  })
  appointments(
    @Root() claimant: Claimant,
    @Ctx() context: DwpContext,
  ): Promise<JobcentreAppointment[]> {
    return context.loaders.appointmentsByNino.load(claimant.nino);
  }
}
