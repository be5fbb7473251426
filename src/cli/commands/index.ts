// Every qk command. Add new commands here.
import type { CliCommand } from '../command';
import { backupCommand } from './backup';
import { eventsRemindersCommand, eventsRetentionCommand } from './events';
import { exportCommand } from './export';
import { importAreasCommand } from './import-areas';
import { importIndicatorsCommand } from './import-indicators';
import { migrateCommand } from './migrate';
import { notificationsDigestCommand } from './notifications';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { seedDemoCommand } from './seed';
import { surveyImportCommand, surveyListCommand, surveyShowCommand } from './survey-structure';
import { surveyExportCommand } from './survey-export';
import { userCreateCommand } from './user';

export const commands: CliCommand[] = [
	migrateCommand,
	userCreateCommand,
	seedDemoCommand,
	backupCommand,
	restoreCommand,
	importAreasCommand,
	importIndicatorsCommand,
	exportCommand,
	notificationsDigestCommand,
	surveyListCommand,
	surveyShowCommand,
	surveyImportCommand,
	eventsRemindersCommand,
	eventsRetentionCommand,
	surveyExportCommand,
	reportCommand
];
