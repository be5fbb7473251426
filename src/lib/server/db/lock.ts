// One process owns a PGlite data dir. The lock file holds the owner's PID and, when it is the
// web server, its URL, so the CLI can tell the user where the running server is.
import fs from 'node:fs';
import path from 'node:path';

export interface LockInfo {
	pid: number;
	role: 'server' | 'cli' | 'test';
	url?: string;
	startedAt: string;
}

export class DataDirLockedError extends Error {
	constructor(
		public readonly dataDir: string,
		public readonly owner: LockInfo
	) {
		const who =
			owner.role === 'server'
				? `vom laufenden Server (PID ${owner.pid}${owner.url ? `, ${owner.url}` : ''})`
				: `von einem anderen Prozess (PID ${owner.pid}, ${owner.role})`;
		super(
			`Der Datenordner ${dataDir} wird bereits ${who} verwendet. ` +
				`Beenden Sie diesen Prozess zuerst – derselbe Datenordner darf nie zweimal geöffnet werden.`
		);
		this.name = 'DataDirLockedError';
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
	// A killed process its parent has not reaped yet (a zombie, "Z" in /proc) holds nothing any more.
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true;
	}
}

export function lockFilePath(dataDir: string): string {
	return path.join(dataDir, 'qk.lock');
}

export function readLock(dataDir: string): LockInfo | null {
	try {
		const info = JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as LockInfo;
		return isAlive(info.pid) ? info : null;
	} catch {
		return null;
	}
}

/** Takes the lock or throws DataDirLockedError; returns a release function. */
export function acquireLock(dataDir: string, role: LockInfo['role'], url?: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = lockFilePath(dataDir);
	const info: LockInfo = { pid: process.pid, role, url, startedAt: new Date().toISOString() };
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				process.off('exit', release);
				try {
					const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
					if (current.pid === process.pid) fs.unlinkSync(file);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const owner = readLock(dataDir);
			if (owner && owner.pid !== process.pid) throw new DataDirLockedError(dataDir, owner);
			// Stale lock from a crashed process (or our own): remove and retry once.
			fs.rmSync(file, { force: true });
		}
	}
	throw new Error(`Sperrdatei ${file} konnte nicht angelegt werden.`);
}
