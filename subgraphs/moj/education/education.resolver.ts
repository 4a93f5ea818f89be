import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MojContext } from '../context';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { EducationCourse } from './education-course.entity';

@Resolver(() => CustodyPeriod)
export class EducationResolver {
  @FieldResolver(() => [EducationCourse], {
    description: 'Courses studied in this period, earliest first.',
  })
  educationCourses(
    @Root() period: CustodyPeriod,
    @Ctx() context: MojContext,
  ): Promise<EducationCourse[]> {
    return context.loaders.educationCoursesByCustodyPeriod.load(period.id);
  }
}
