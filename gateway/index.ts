import { runService } from '../lib/service';
import { startGateway } from './server';

void runService('gateway', startGateway);
