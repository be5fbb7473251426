// Values as official statistics publish them: decimal comma or point, thousands separators, and the
// placeholders of the Zeichenerklärung. "–" means nothing (0); the others import as null with the reason kept.
// Footnote and quality markers attached to a number ("12,3¹", "45 a", "12,3*", "123 p", "(12,3)")
// are dropped and the number kept.

export const VALUE_REASONS = [
	'missing',
	'unknown_or_secret',
	'not_applicable',
	'too_uncertain',
	'not_yet_available'
] as const;
export type ValueReason = (typeof VALUE_REASONS)[number];

export type ParsedValue = { ok: true; value: number | null; reason: ValueReason | null } | { ok: false };

export type DecimalSeparator = ',' | '.';

const ZERO_MARKS = new Set(['–', '-', '—', '−']);
const PLACEHOLDERS: Record<string, ValueReason> = {
	'': 'missing',
	'.': 'unknown_or_secret',
	x: 'not_applicable',
	X: 'not_applicable',
	'/': 'too_uncertain',
	'()': 'too_uncertain',
	'( )': 'too_uncertain',
	'…': 'not_yet_available',
	'...': 'not_yet_available',
	// "•" (Amt für Statistik Berlin-Brandenburg) and "*" (Bundesagentur für Arbeit): unknown or secret.
	'•': 'unknown_or_secret',
	'*': 'unknown_or_secret'
};

// Markers after a number: superscript digits, asterisks, "1)", or a single letter after a blank
// ("45 a", "123 p" = vorläufig, "r" = berichtigt, "s" = geschätzt).
const TRAILING_MARKER = /(\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s*\*+\)?|\s+\d\)|\s+[a-z]\)?)$/u;

/** The number without footnote markers and without the parentheses of "limited accuracy". */
export function stripMarkers(text: string): string {
	let s = text;
	for (let i = 0; i < 3 && TRAILING_MARKER.test(s) && /\d/.test(s.replace(TRAILING_MARKER, '')); i++)
		s = s.replace(TRAILING_MARKER, '').trimEnd();
	const paren = /^\((.+)\)$/.exec(s);
	return paren ? paren[1].trim() : s;
}

// Thousands groups: "1.234.567", "1 234", "1'234" (never ambiguous with the chosen decimal separator).
const NUMBER_PATTERN: Record<DecimalSeparator, RegExp> = {
	',': /^[+-]?(\d{1,3}([. '\u00a0\u202f]\d{3})+|\d+)(,\d+)?$/,
	'.': /^[+-]?(\d{1,3}([, '\u00a0\u202f]\d{3})+|\d+)(\.\d+)?$/
};

export function parseOfficialNumber(
	raw: string | number | null | undefined,
	decimal: DecimalSeparator
): ParsedValue {
	if (typeof raw === 'number')
		return Number.isFinite(raw) ? { ok: true, value: raw, reason: null } : { ok: false };
	const text = (raw ?? '').trim();
	if (ZERO_MARKS.has(text)) return { ok: true, value: 0, reason: null };
	if (text in PLACEHOLDERS) return { ok: true, value: null, reason: PLACEHOLDERS[text] };
	// Unicode minus and a trailing percent sign are common in office exports.
	const normalised = stripMarkers(text.replace(/\s*%$/, ''))
		.replace(/\s*%$/, '')
		.replace(/^[−–]\s?(?=\d)/, '-');
	if (!NUMBER_PATTERN[decimal].test(normalised)) return { ok: false };
	const thousands = decimal === ',' ? /[. '\u00a0\u202f]/g : /[, '\u00a0\u202f]/g;
	const plain = normalised.replace(thousands, '').replace(',', '.');
	const value = Number(plain);
	return Number.isFinite(value) ? { ok: true, value, reason: null } : { ok: false };
}

/**
 * Decides between decimal comma and point from sample cells. Unambiguous cells vote ("3,5", "1.234,5"
 * for comma; "3.25", "1,234.5" for point); "1.234" alone could be either and does not vote.
 */
export function detectDecimalSeparator(samples: readonly string[]): DecimalSeparator {
	let comma = 0;
	let point = 0;
	for (const raw of samples) {
		const s = raw.trim();
		if (
			/^[+-−]?\d{1,3}(\.\d{3})+,\d+$/.test(s) ||
			/^[+-−]?\d+,\d{1,2}$/.test(s) ||
			/^[+-−]?\d+,\d{4,}$/.test(s)
		)
			comma++;
		else if (
			/^[+-−]?\d{1,3}(,\d{3})+\.\d+$/.test(s) ||
			/^[+-−]?\d+\.\d{1,2}$/.test(s) ||
			/^[+-−]?\d+\.\d{4,}$/.test(s)
		)
			point++;
	}
	return comma > point ? ',' : '.';
}
