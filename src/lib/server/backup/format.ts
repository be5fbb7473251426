// The backup file: gzip'd NDJSON, one JSON object per line.
//   1. header   {type:'header', format, formatVersion, schemaVersion, createdAt, tables:[{name, columns}]}
//   2. rows     {type:'rows', table, rows:[…]}   (tables in foreign-key order, parents before children)
//   3. upload   {type:'upload', key, contentType, size, sha256, data (base64)}
//   4. trailer  {type:'trailer', rowCounts, uploadCount, sha256}   sha256 = SHA-256 of every line before it
// Rows are `to_jsonb(row)` of each table, so every column type (jsonb, box, uuid[], timestamptz …)
// travels as portable JSON and comes back through jsonb_populate_recordset on PGlite or PostgreSQL.

export const BACKUP_FORMAT = 'quartierskompass-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Tables a backup leaves out. Sessions must not survive a restore into another server (a copied
 * cookie would log in there; everybody simply signs in again), and rate-limit counters are
 * short-lived HMACs keyed with the old server's daily secret.
 */
export const EXCLUDED_TABLES = ['session', 'rate_limit'] as const;

export interface BackupTable {
	name: string;
	columns: string[];
}

export interface BackupHeader {
	type: 'header';
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	schemaVersion: string;
	createdAt: string;
	source: 'pglite' | 'postgres';
	tables: BackupTable[];
	excludedTables: string[];
}

export interface BackupRows {
	type: 'rows';
	table: string;
	rows: Record<string, unknown>[];
}

export interface BackupUpload {
	type: 'upload';
	key: string;
	contentType: string;
	size: number;
	sha256: string;
	data: string;
}

export interface BackupTrailer {
	type: 'trailer';
	rowCounts: Record<string, number>;
	uploadCount: number;
	sha256: string;
}

export type BackupLine = BackupHeader | BackupRows | BackupUpload | BackupTrailer;

export interface BackupSummary {
	schemaVersion: string;
	rowCounts: Record<string, number>;
	uploadCount: number;
	uploadBytes: number;
}

/** Expected failures of backup and restore; the message is German and tells the user what to do. */
export class BackupError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'BackupError';
	}
}
