import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { VcsContext } from '../context';
import { Employer } from '../employer/employer.entity';
import { SupportOutcome } from './support-outcome.entity';

@Resolver(() => SupportOutcome)
export class SupportOutcomeResolver {
  @FieldResolver(() => Employer, { nullable: true, description: 'Who the job is with, if a job.' })
  employer(@Root() outcome: SupportOutcome, @Ctx() context: VcsContext) {
    return outcome.employerId ? context.loaders.employerById.load(outcome.employerId) : null;
  }
}
