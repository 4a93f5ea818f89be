import { type DataSource, In } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import { JobcentreAppointment } from './appointment.entity';

export function createAppointmentLoaders(database: DataSource) {
  const appointments = database.getRepository(JobcentreAppointment);
  return {
    appointmentsByNino: rowsByKey(
      (ninos: string[]) =>
        appointments.find({ where: { nino: In(ninos) }, order: { date: 'ASC', id: 'ASC' } }),
      (appointment) => appointment.nino,
    ),
  };
}
