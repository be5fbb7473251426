// Every qk command. Add new commands here.
import type { CliCommand } from '../command';
import { migrateCommand } from './migrate';
import { userCreateCommand } from './user';

export const commands: CliCommand[] = [migrateCommand, userCreateCommand];
