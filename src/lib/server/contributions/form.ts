// Reading the contribution form (multipart: text fields, area checkboxes, up to 3 photos) and
// turning command results into translated field errors.
import type { TFunction } from '../../i18n';
import { MAX_PHOTO_BYTES, type PhotoInput } from './photos';

export interface ContributionSubmission {
	input: Record<string, unknown>;
	values: Record<string, string>;
	areaIds: string[];
	photos: PhotoInput[];
	/**
	 * Photo slots (1–3) that carried a file. A browser cannot keep a file input across a full page
	 * round trip, so after an error the form asks for these again.
	 */
	photoSlots: number[];
	/** Where a geocoder is configured: an address to turn into a point (not stored). */
	address: string;
}

export async function readContributionForm(form: FormData): Promise<ContributionSubmission> {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const areaIds = form.getAll('areaIds').filter((v): v is string => typeof v === 'string' && v !== '');
	const photos: PhotoInput[] = [];
	const photoSlots: number[] = [];
	for (const n of [1, 2, 3]) {
		const file = form.get(`photo${n}`);
		if (file instanceof File && file.size > 0) {
			photos.push({ data: new Uint8Array(await file.arrayBuffer()), altText: text(`alt${n}`) });
			photoSlots.push(n);
		}
	}
	const values: Record<string, string> = {};
	// The geometry comes back too: a form error never loses the drawn place.
	for (const name of [
		'body',
		'categoryId',
		'channel',
		'collectedOn',
		'eventId',
		'address',
		'geometry',
		'alt1',
		'alt2',
		'alt3'
	])
		values[name] = text(name).slice(0, 200_000);
	return {
		input: {
			body: text('body'),
			categoryId: text('categoryId'),
			geometry: text('geometry'),
			areaIds,
			channel: text('channel') || 'online',
			collectedOn: text('collectedOn'),
			eventId: text('eventId'),
			website: text('website'),
			powChallenge: text('powChallenge'),
			powNonce: text('powNonce')
		},
		values,
		areaIds,
		photos,
		photoSlots,
		address: text('address').trim()
	};
}

const CODE_KEYS: Record<string, string> = {
	not_found: 'contributions.errors.notFound',
	closed: 'contributions.errors.closed',
	login_required: 'contributions.errors.loginRequired',
	email_unconfirmed: 'contributions.errors.emailUnconfirmed',
	rate_limited: 'contributions.errors.rateLimited',
	report_rate_limited: 'contributions.errors.reportRateLimited',
	spam: 'contributions.errors.spam',
	forbidden: 'contributions.errors.forbidden',
	has_replies: 'contributions.errors.hasReplies',
	invalid: 'contributions.errors.invalid',
	photo: 'contributions.errors.invalid',
	storage_full: 'faults.storageFull',
	blocked: 'contributions.errors.blocked',
	wrong_state: 'contributions.errors.wrongState',
	anonymous: 'contributions.errors.anonymous',
	is_moderator: 'contributions.errors.isModerator',
	already_blocked: 'contributions.errors.alreadyBlocked',
	not_blocked: 'contributions.errors.notBlocked',
	proof_missing: 'contributions.errors.proofMissing',
	proof_invalid: 'contributions.errors.proofInvalid',
	proof_expired: 'contributions.errors.proofExpired',
	proof_reused: 'contributions.errors.proofExpired'
};

/** A report's failure as translateErrors reads it: too many reports is not too many posts. */
export function reportErrorCode(code: string): string {
	return code === 'rate_limited' ? 'report_rate_limited' : code;
}

/** Field errors in the user's language; a general message under `form`. */
export function translateErrors(
	t: TFunction,
	code: string,
	errors?: Record<string, string>
): Record<string, string> {
	const out: Record<string, string> = {};
	// mb: the photo size limit, named in photo_too_large.
	for (const [field, key] of Object.entries(errors ?? {}))
		out[field] = t(key, { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
	out.form = t(CODE_KEYS[code] ?? 'contributions.errors.invalid');
	return out;
}
