// Files of file questions: checked by content (uploads/files.ts), stored through the storage module
// under surveys/<survey id>/, one qk.upload + qk.survey_response_file row each. Deleting a response (or
// its survey or consultation) cascades to survey_response_file, whose trigger removes the upload row;
// the orphan clean-up (uploads/orphans.ts, prefix surveys/) then removes the stored file, and the
// commands here delete the files they drop right after commit.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AnswerError, AnswerFile, Answers, FormLike, Question, QuestionOf } from '../../questionnaire';
import { fieldName } from '../../questionnaire';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import type { Storage } from '../storage';
import { checkAnswerFile, safeFileName, type FileCheckError } from '../uploads/files';
import { UPLOAD_PREFIX } from '../uploads/prefixes';

type FileQuestion = QuestionOf<'file'>;

const ERROR_KEYS: Record<FileCheckError | 'file_count', string> = {
	file_type: 'surveys.validation.fileType',
	file_too_large: 'surveys.validation.fileTooLarge',
	file_unsafe: 'surveys.validation.fileUnsafe',
	file_corrupt: 'surveys.validation.fileCorrupt',
	file_empty: 'surveys.validation.fileEmpty',
	file_count: 'surveys.validation.fileCount'
};

/** A checked file already written to storage, not yet linked to a response. */
export interface StagedFile {
	key: string;
	contentType: string;
	size: number;
	/** the name as sent (used for non-anonymous surveys only) */
	sentName: string;
	extension: string;
}

export interface StagedUploads {
	/** per question key: the accepted new files */
	files: Map<string, StagedFile[]>;
	/** per question key: why its new files were refused */
	errors: Record<string, AnswerError>;
}

const isFile = (v: FormDataEntryValue): v is File =>
	typeof v === 'object' && v !== null && 'arrayBuffer' in v && 'size' in v;

/** Saves of a page with files, per response and hour. */
export const FILE_SAVE_LIMIT = { limit: 20, windowSeconds: 60 * 60 };

/** Keys of the file questions the form sends files for. */
export function sentFileQuestions(questions: readonly Question[], form: FormLike): string[] {
	return questions
		.filter((q) => q.type === 'file')
		.filter((q) => form.getAll(fieldName(q.key)).some((v) => isFile(v) && (v.size > 0 || !!v.name)))
		.map((q) => q.key);
}

/** The files sent for the survey's file questions: each checked, the accepted ones stored. */
export async function stageUploads(
	storage: Storage | undefined,
	surveyId: string,
	questions: readonly Question[],
	form: FormLike
): Promise<StagedUploads> {
	const files = new Map<string, StagedFile[]>();
	const errors: Record<string, AnswerError> = {};
	for (const q of questions) {
		if (q.type !== 'file') continue;
		const sent = form
			.getAll(fieldName(q.key))
			.filter(isFile)
			.filter((f) => f.size > 0 || f.name);
		if (!sent.length) continue;
		if (sent.length > q.maxFiles) {
			errors[q.key] = { key: ERROR_KEYS.file_count, params: { count: q.maxFiles } };
			continue;
		}
		const checked = [];
		for (const f of sent) {
			// the size is known before reading: an oversize file is refused unread
			const r =
				f.size > q.maxBytes
					? ({ ok: false, code: 'file_too_large' } as const)
					: checkAnswerFile(new Uint8Array(await f.arrayBuffer()), q.accept, q.maxBytes);
			if (!r.ok) {
				errors[q.key] = {
					key: ERROR_KEYS[r.code],
					params: { name: f.name.slice(0, 80), mb: Math.round(q.maxBytes / 100_000) / 10 }
				};
				break;
			}
			checked.push({ ...r.file, sentName: f.name });
		}
		if (errors[q.key] || !checked.length) continue;
		if (!storage) throw new Error('storage is required for survey files');
		const staged: StagedFile[] = [];
		for (const c of checked) {
			const key = `${UPLOAD_PREFIX.surveys}${surveyId}/${randomUUID()}.${c.extension}`;
			await storage.put(key, c.data, c.contentType);
			staged.push({
				key,
				contentType: c.contentType,
				size: c.data.length,
				sentName: c.sentName,
				extension: c.extension
			});
		}
		files.set(q.key, staged);
	}
	return { files, errors };
}

/** Deletes stored files (after commit, or when staged files were not used); a missing file is no error. */
export async function deleteStoredFiles(storage: Storage | undefined, keys: readonly string[]) {
	for (const key of keys) await storage?.delete(key).catch(() => undefined);
}

export interface FileChanges {
	/** the file answers of the page's file questions (absent key: no files) */
	answers: Answers;
	errors: Record<string, AnswerError>;
	/** storage keys to delete after commit */
	dropped: string[];
	/** staged keys now linked to the response */
	used: Set<string>;
}

/**
 * Applies a page's file changes to a response inside its transaction: removals ticked by the
 * respondent (`q.KEY.remove`), then the staged new files as long as the question's maximum allows.
 * Without staged files and removals it writes nothing (the answers of the kept files only).
 */
export async function applyFileChanges(
	trx: Kysely<DB>,
	input: {
		responseId: string;
		anonymous: boolean;
		questions: readonly Question[];
		stored: Answers;
		form: FormLike;
		staged: StagedUploads;
		day: string;
	}
): Promise<FileChanges> {
	const out: FileChanges = { answers: {}, errors: {}, dropped: [], used: new Set() };
	for (const q of input.questions) {
		if (q.type !== 'file') continue;
		const before = input.stored[q.key];
		const existing = before?.type === 'file' ? before.files : [];
		const remove = new Set(input.form.getAll(fieldName(q.key, 'remove')).map(String));
		const kept = existing.filter((f) => !remove.has(f.uploadId));
		const removed = existing.filter((f) => remove.has(f.uploadId)).map((f) => f.uploadId);
		if (removed.length) out.dropped.push(...(await removeFiles(trx, input.responseId, removed)));
		const fresh = input.staged.files.get(q.key) ?? [];
		const error = input.staged.errors[q.key];
		let files: AnswerFile[] = kept;
		if (error) out.errors[q.key] = error;
		else if (kept.length + fresh.length > q.maxFiles)
			out.errors[q.key] = { key: ERROR_KEYS.file_count, params: { count: q.maxFiles } };
		else if (fresh.length) files = [...kept, ...(await linkFiles(trx, q, input, kept.length, fresh, out))];
		if (files.length) out.answers[q.key] = { type: 'file', files };
	}
	return out;
}

async function linkFiles(
	trx: Kysely<DB>,
	q: FileQuestion,
	input: { responseId: string; anonymous: boolean; day: string },
	offset: number,
	fresh: StagedFile[],
	out: FileChanges
): Promise<AnswerFile[]> {
	const linked: AnswerFile[] = [];
	for (const [i, f] of fresh.entries()) {
		const fallback = `datei-${offset + i + 1}`;
		// anonymous: no name as sent (it may name the person), no exact time
		const name = input.anonymous
			? `${fallback}.${f.extension}`
			: safeFileName(f.sentName, f.extension, fallback);
		const upload = await trx
			.insertInto('upload')
			.values({
				storage_key: f.key,
				content_type: f.contentType,
				size_bytes: f.size,
				owner_id: null,
				created_at: new Date(`${input.day}T00:00:00Z`)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('survey_response_file')
			.values({
				upload_id: upload.id,
				response_id: input.responseId,
				question_key: q.key,
				position: offset + i,
				file_name: name
			})
			.execute();
		out.used.add(f.key);
		linked.push({ uploadId: upload.id, name });
	}
	return linked;
}

/** Removes files of a response (rows and, by trigger, upload rows); returns their storage keys. */
export async function removeFiles(
	trx: Kysely<DB>,
	responseId: string,
	uploadIds: readonly string[]
): Promise<string[]> {
	if (!uploadIds.length) return [];
	const rows = await trx
		.selectFrom('survey_response_file as f')
		.innerJoin('upload as u', 'u.id', 'f.upload_id')
		.select('u.storage_key')
		.where('f.response_id', '=', responseId)
		.where('f.upload_id', 'in', uploadIds)
		.execute();
	await trx
		.deleteFrom('survey_response_file')
		.where('response_id', '=', responseId)
		.where('upload_id', 'in', uploadIds)
		.execute();
	return rows.map((r) => r.storage_key);
}

/** Storage keys of all files of the given responses (before deleting them). */
export async function fileKeysOfResponses(db: Kysely<DB>, responseIds: readonly string[]): Promise<string[]> {
	if (!responseIds.length) return [];
	const rows = await db
		.selectFrom('survey_response_file as f')
		.innerJoin('upload as u', 'u.id', 'f.upload_id')
		.select('u.storage_key')
		.where('f.response_id', 'in', responseIds)
		.execute();
	return rows.map((r) => r.storage_key);
}

export interface SurveyFileEntry {
	uploadId: string;
	responseId: string;
	questionKey: string;
	name: string;
	contentType: string;
	size: number;
}

/** The files of a survey's complete responses, for its organisers (never published). */
export async function listSurveyFiles(db: Kysely<DB>, surveyId: string): Promise<SurveyFileEntry[]> {
	const rows = await db
		.selectFrom('survey_response_file as f')
		.innerJoin('survey_response as r', 'r.id', 'f.response_id')
		.innerJoin('upload as u', 'u.id', 'f.upload_id')
		.select([
			'f.upload_id',
			'f.response_id',
			'f.question_key',
			'f.file_name',
			'u.content_type',
			'u.size_bytes'
		])
		.where('r.survey_id', '=', surveyId)
		.where('r.complete', '=', true)
		.orderBy('f.question_key')
		.orderBy('r.id')
		.orderBy('f.position')
		.execute();
	return rows.map((r) => ({
		uploadId: r.upload_id,
		responseId: r.response_id,
		questionKey: r.question_key,
		name: r.file_name,
		contentType: r.content_type,
		size: r.size_bytes
	}));
}

/** One file of a survey for its organisers: bytes, type and name; null when it is not there. */
export async function readSurveyFile(
	ctx: CommandContext,
	surveyId: string,
	uploadId: string
): Promise<{ data: Uint8Array; contentType: string; name: string } | null> {
	if (!/^[0-9a-f-]{36}$/i.test(uploadId)) return null;
	const row = await ctx.db
		.selectFrom('survey_response_file as f')
		.innerJoin('survey_response as r', 'r.id', 'f.response_id')
		.innerJoin('upload as u', 'u.id', 'f.upload_id')
		.select(['u.storage_key', 'u.content_type', 'f.file_name'])
		.where('r.survey_id', '=', surveyId)
		.where('r.complete', '=', true)
		.where('f.upload_id', '=', uploadId)
		.executeTakeFirst();
	if (!row) return null;
	const data = await ctx.storage?.get(row.storage_key);
	return data ? { data, contentType: row.content_type, name: row.file_name } : null;
}
