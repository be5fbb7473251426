// zod inputs of the public map, the profiles and the open-data API.
import { z } from 'zod';
import { CLASS_METHODS } from '../../stats/classify';
import { SORT_PARAMS } from '../../monitoring/table-sort';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Pages are forgiving: a broken parameter falls back to its default instead of an error page. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const MapQuery = z.object({
	ebene: lenient(z.string().trim().max(60).regex(KEY)),
	indikator: lenient(z.string().trim().max(60).regex(KEY)),
	jahr: lenient(z.coerce.number().int().min(1900).max(2200)),
	methode: lenient(z.enum(CLASS_METHODS)),
	klassen: lenient(z.coerce.number().int().min(3).max(7)),
	sortierung: lenient(z.enum(SORT_PARAMS as [string, ...string[]]))
});
export type MapQuery = z.infer<typeof MapQuery>;

export const ProfileQuery = z.object({
	ebene: lenient(z.string().trim().max(60).regex(KEY)),
	jahr: lenient(z.coerce.number().int().min(1900).max(2200))
});
export type ProfileQuery = z.infer<typeof ProfileQuery>;

export const AreaKey = z.string().min(1).max(60);

// The open-data API is strict: a wrong parameter is a 400 with a German message saying what to send.
const apiLevel = z
	.string()
	.trim()
	.min(1, 'Der Parameter „level“ darf nicht leer sein.')
	.max(60, 'Der Parameter „level“ ist zu lang (höchstens 60 Zeichen).')
	.regex(KEY, 'Der Parameter „level“ darf nur Buchstaben, Ziffern, „_“, „-“ und „.“ enthalten.');

const apiYear = z.coerce
	.number('Der Parameter „year“ muss eine Jahreszahl sein, z. B. 2024.')
	.int('Der Parameter „year“ muss eine ganze Jahreszahl sein, z. B. 2024.')
	.min(1900, 'Der Parameter „year“ muss zwischen 1900 und 2200 liegen.')
	.max(2200, 'Der Parameter „year“ muss zwischen 1900 und 2200 liegen.');

export const GeoJsonQuery = z.object({ level: apiLevel.optional() });
export const ValuesQuery = z.object({
	level: apiLevel.optional(),
	year: apiYear.optional(),
	/** language of indicator texts; read by apiLocale */
	lang: z.string().max(10).optional()
});
export const IndicatorRef = z
	.string()
	.min(1)
	.max(60)
	.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Die Kennung des Indikators ist ungültig.');

/** Reads URLSearchParams into a plain object (first value of each name; empty values count as absent). */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of params) if (!(name in out) && value !== '') out[name] = value;
	return out;
}
