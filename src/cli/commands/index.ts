// Every qk command. Add new commands here.
import type { CliCommand } from '../command';
import { migrateCommand } from './migrate';

export const commands: CliCommand[] = [migrateCommand];
