// Backup and restore: a portable logical dump through our own data layer (schema version, tables
// in foreign-key order, uploads), restorable into PGlite or PostgreSQL. See format.ts.
export { createBackup, type CreateBackupOptions } from './create-backup';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restore-backup';
export {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	BackupError,
	EXCLUDED_TABLES,
	type BackupHeader,
	type BackupSummary
} from './format';
