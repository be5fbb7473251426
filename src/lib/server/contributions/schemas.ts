// zod inputs of the contribution commands. Messages are i18n keys (contributions.errors.*).
import { z } from 'zod';
import { contributionBbox } from '../../geo/area-assignment';
import { withinGermany } from '../../geo/projection';

const E = 'contributions.errors.';

/** Anonymous posts where ANON_PROOF_OF_WORK is on: the solved challenge (see proof-of-work.ts). */
const ProofFields = {
	powChallenge: z.string().max(200).optional(),
	powNonce: z.string().max(32).optional()
};

export const BODY_MIN = 3;
export const BODY_MAX = 5000;
export const CHANNELS = ['online', 'paper', 'interview', 'workshop', 'phone', 'info_stand', 'walk'] as const;
export const ANALOG_CHANNELS = CHANNELS.filter((c) => c !== 'online');
export type Channel = (typeof CHANNELS)[number];
export const STATUSES = ['pending', 'published', 'hidden', 'deleted'] as const;
export type ContributionStatus = (typeof STATUSES)[number];

export const body = z
	.string({ error: `${E}bodyRequired` })
	.trim()
	.min(1, { error: `${E}bodyRequired` })
	.min(BODY_MIN, { error: `${E}bodyTooShort` })
	.max(BODY_MAX, { error: `${E}bodyTooLong` });

const lon = z.number().finite();
const position = z.tuple([lon, lon]).rest(z.number());

const point = z.object({ type: z.literal('Point'), coordinates: position });
const lineString = z.object({
	type: z.literal('LineString'),
	coordinates: z.array(position).min(2).max(500)
});
const polygon = z.object({
	type: z.literal('Polygon'),
	coordinates: z
		.array(z.array(position).min(4).max(1000))
		.min(1)
		.max(1)
		.refine((rings) => {
			const r = rings[0];
			return r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1];
		})
});

/** A GeoJSON Point, LineString or single-ring Polygon (WGS84) inside Germany, 2D only. */
export const Geometry = z
	.discriminatedUnion('type', [point, lineString, polygon], { error: `${E}geometryInvalid` })
	.transform((g) => {
		const strip = (p: number[]) => [p[0], p[1]];
		if (g.type === 'Point') return { type: 'Point' as const, coordinates: strip(g.coordinates) };
		if (g.type === 'LineString')
			return { type: 'LineString' as const, coordinates: g.coordinates.map(strip) };
		return { type: 'Polygon' as const, coordinates: g.coordinates.map((r) => r.map(strip)) };
	})
	.refine((g) => withinGermany(contributionBbox(g)), { error: `${E}geometryOutside` });
export type GeometryInput = z.output<typeof Geometry>;

/** The geometry form field: empty → none; otherwise JSON text of a geometry. */
export const GeometryField = z
	.string()
	.trim()
	.max(200_000, { error: `${E}geometryInvalid` })
	.optional()
	.transform((text, ctx) => {
		if (!text) return null;
		try {
			return JSON.parse(text) as unknown;
		} catch {
			ctx.addIssue({ code: 'custom', message: `${E}geometryInvalid` });
			return z.NEVER;
		}
	})
	.pipe(Geometry.nullable());

const uuid = z.uuid({ error: `${E}invalid` });

export const CreateContributionInput = z.object({
	body,
	categoryId: z
		.union([uuid, z.literal('').transform(() => null)])
		.nullable()
		.optional(),
	geometry: GeometryField,
	areaIds: z.array(uuid).max(50).default([]),
	channel: z.enum(CHANNELS, { error: `${E}channelInvalid` }).default('online'),
	collectedOn: z
		.union([z.iso.date({ error: `${E}dateInvalid` }), z.literal('').transform(() => null)])
		.nullable()
		.optional(),
	/** Staff entry with channel 'workshop': the event (of this consultation) the result came from. */
	eventId: z
		.union([uuid, z.literal('').transform(() => null)])
		.nullable()
		.optional(),
	/** Honeypot: a hidden field people leave empty. */
	website: z.string().max(500).optional(),
	...ProofFields
});
export type CreateContributionInput = z.input<typeof CreateContributionInput>;

export const ReplyInput = z.object({ body, website: z.string().max(500).optional(), ...ProofFields });

export const EditInput = z.object({ body });

/** ?bbox=minLon,minLat,maxLon,maxLat */
export const BboxParam = z
	.string()
	.transform((s) => s.split(',').map(Number))
	.refine((n) => n.length === 4 && n.every(Number.isFinite) && n[0] <= n[2] && n[1] <= n[3])
	.transform((n) => n as [number, number, number, number]);

export const ListFilters = z.object({
	category: z.union([uuid, z.literal('')]).optional(),
	area: z.union([uuid, z.literal('')]).optional(),
	status: z.union([z.enum(STATUSES), z.literal('')]).optional(),
	page: z.coerce.number().int().min(1).max(10_000).default(1)
});
export type ListFilters = z.output<typeof ListFilters>;
