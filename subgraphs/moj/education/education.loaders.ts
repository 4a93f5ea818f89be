import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { EducationCourse } from './education-course.entity';

export function createEducationLoaders(database: DataSource) {
  const courses = database.getRepository(EducationCourse);
  return {
    educationCoursesByCustodyPeriod: rowsByKey(
      (ids: string[]) =>
        courses.find({
          where: { custodyPeriodId: In(ids) },
          order: { startDate: 'ASC', id: 'ASC' },
        }),
      (course) => course.custodyPeriodId,
    ),
  };
}
