// Two published demo consultations in Musterstadt (is_demo), with the required statements,
// categories and phases. Contributions for them are added by the contributions feature.
import type { ExpressionBuilder, Kysely } from 'kysely';
import { endOfCityDay, startOfCityDay } from '../../format/dates';
import type { DB } from '../db/types';
import { DEMO_QUARTER_MANAGER_AREA } from './accounts';
import type { DemoCity } from './city';

export const DEMO_CONSULTATION_SLUGS = ['marktplatz-altstadt', 'gruene-wege-musterstadt'] as const;

/** Demo consultations: call after areas and accounts exist. */
export async function insertDemoConsultations(
	trx: Kysely<DB>,
	city: DemoCity,
	areaId: Map<string, string>,
	userId: Map<string, string>
): Promise<void> {
	const altstadt = city.areas.find(
		(a) => a.levelKey === DEMO_QUARTER_MANAGER_AREA.levelKey && a.name === DEMO_QUARTER_MANAGER_AREA.name
	);
	const city0 = city.areas.find((a) => a.parentKey === null);
	if (!altstadt || !city0) return;
	const id = (a: { levelKey: string; key: string }) => areaId.get(`${a.levelKey}:${a.key}`)!;
	const year = new Date().getUTCFullYear();
	const day = (monthOffset: number, d = 1) => {
		const date = new Date(Date.UTC(year, new Date().getUTCMonth() + monthOffset, d));
		return date.toISOString().slice(0, 10);
	};

	const consultations = [
		{
			slug: DEMO_CONSULTATION_SLUGS[0],
			title: 'Neugestaltung des Marktplatzes in der Altstadt',
			summary:
				'Wie soll der Marktplatz künftig aussehen? Zeigen Sie uns auf der Karte, was Ihnen wichtig ist.',
			description:
				'Der Marktplatz wird in den nächsten zwei Jahren umgebaut. Bevor die Planung beginnt, möchten wir wissen, wie Sie den Platz heute nutzen und was Ihnen fehlt.\n\nMarkieren Sie auf der Karte Orte, die gut funktionieren, und solche, an denen etwas fehlt: Sitzplätze, Schatten, sichere Wege, Fahrradbügel.',
			participation_level: 'konsultation',
			can_influence:
				'Aufteilung der Flächen (Sitzbereiche, Spielflächen, Marktstände), Begrünung, Beleuchtung und Wegeführung für Fuß- und Radverkehr.',
			already_decided:
				'Der Platz bleibt autofrei, der Wochenmarkt bleibt am Mittwoch und Samstag, das Budget von 2,4 Millionen Euro steht fest.',
			outcome_plan:
				'Das Quartiersmanagement wertet alle Beiträge bis Ende des nächsten Monats aus. Die Ergebnisse gehen als Vorgaben an das Planungsbüro; eine Rückmeldung mit den Änderungen veröffentlichen wir hier.',
			contact_name: 'Quirin Quartier, Quartiersmanagement Altstadt',
			contact_email: 'quartier@musterstadt.example',
			contact_phone: '0123 456 78-90',
			creator: 'quartier@musterstadt.example',
			areas: [id(altstadt)],
			categories: ['Aufenthalt und Sitzen', 'Grün und Schatten', 'Wege und Verkehr', 'Spielen', 'Sicherheit'],
			phases: [
				{
					name: 'Information',
					description: 'Auftaktveranstaltung und Informationen online.',
					starts_on: day(-1),
					ends_on: day(0, 1)
				},
				{
					name: 'Konsultation',
					description: 'Hinweise auf der Karte sammeln.',
					starts_on: day(0, 1),
					ends_on: day(1, 28)
				},
				{
					name: 'Auswertung',
					description: 'Auswertung aller Beiträge, auch der analogen.',
					starts_on: day(2, 1),
					ends_on: day(2, 28)
				},
				{
					name: 'Rückmeldung',
					description: 'Wir zeigen, was aus den Hinweisen geworden ist.',
					starts_on: day(3, 1),
					ends_on: null
				}
			],
			allow_anonymous: true,
			pre_moderation: false
		},
		{
			slug: DEMO_CONSULTATION_SLUGS[1],
			title: 'Grüne Wege durch Musterstadt',
			summary: 'Wo fehlen Bäume, Bänke und sichere Wege zu Fuß? Gemeinsam planen wir ein Netz grüner Wege.',
			description:
				'Die Stadt plant ein Netz grüner Fuß- und Radwege, das Parks, Schulen und Quartierszentren verbindet.\n\nIn dieser Beteiligung entwickeln wir die Strecken gemeinsam: Zeichnen Sie Wege ein, die Sie nutzen, und zeigen Sie Stellen, die unsicher oder unangenehm sind.',
			participation_level: 'kooperation',
			can_influence:
				'Welche Strecken zuerst ausgebaut werden und wie sie gestaltet werden (Bäume, Bänke, Beleuchtung).',
			already_decided:
				'Der Stadtrat hat das Ziel eines zusammenhängenden Netzes und die Mittel für die ersten drei Jahre beschlossen.',
			outcome_plan:
				'Eine Arbeitsgruppe aus Bürgerinnen, Bürgern und Verwaltung legt im Herbst eine Rangfolge der Strecken fest. Der Stadtrat beschließt sie im Dezember; das Ergebnis steht danach hier.',
			contact_name: 'Paula Planung, Stadtplanungsamt',
			contact_email: 'planung@musterstadt.example',
			contact_phone: null,
			creator: 'planung@musterstadt.example',
			areas: [id(city0)],
			categories: ['Fehlender Baum', 'Unsicherer Übergang', 'Sitzgelegenheit', 'Beleuchtung'],
			phases: [
				{
					name: 'Ideen sammeln',
					description: 'Wege und Problemstellen auf der Karte.',
					starts_on: day(-1, 15),
					ends_on: day(1, 15)
				},
				{
					name: 'Arbeitsgruppe',
					description: 'Gemeinsame Rangfolge der Strecken.',
					starts_on: day(2, 1),
					ends_on: day(4, 1)
				},
				{ name: 'Beschluss', description: 'Der Stadtrat entscheidet.', starts_on: day(5, 1), ends_on: null }
			],
			allow_anonymous: false,
			pre_moderation: true
		}
	];

	for (const c of consultations) {
		const row = await trx
			.insertInto('consultation')
			.values({
				slug: c.slug,
				title: c.title,
				summary: c.summary,
				description: c.description,
				participation_level: c.participation_level,
				can_influence: c.can_influence,
				already_decided: c.already_decided,
				outcome_plan: c.outcome_plan,
				contact_name: c.contact_name,
				contact_email: c.contact_email,
				contact_phone: c.contact_phone,
				status: 'published',
				starts_at: startOfCityDay(c.phases[0].starts_on),
				ends_at: endOfCityDay(day(6, 1)),
				allow_anonymous: c.allow_anonymous,
				pre_moderation: c.pre_moderation,
				created_by: userId.get(c.creator) ?? null,
				published_at: new Date(),
				is_demo: true
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('consultation_area')
			.values(c.areas.map((area_id) => ({ consultation_id: row.id, area_id })))
			.execute();
		await trx
			.insertInto('consultation_category')
			.values(c.categories.map((name, position) => ({ consultation_id: row.id, position, name })))
			.execute();
		await trx
			.insertInto('consultation_phase')
			.values(c.phases.map((p, position) => ({ consultation_id: row.id, position, ...p })))
			.execute();
	}
}

/**
 * Removes demo consultations and any consultation that touches a demo area (it cannot outlive
 * those areas), with the grants scoped to them; contributions cascade. Call before deleting areas.
 */
export async function deleteDemoConsultations(trx: Kysely<DB>): Promise<void> {
	const doomed = (eb: ExpressionBuilder<DB, 'consultation'>) =>
		eb.or([
			eb('consultation.is_demo', '=', true),
			eb.exists(
				eb
					.selectFrom('consultation_area')
					.innerJoin('area', 'area.id', 'consultation_area.area_id')
					.select('consultation_area.area_id')
					.whereRef('consultation_area.consultation_id', '=', 'consultation.id')
					.where('area.is_demo', '=', true)
			)
		]);
	await trx
		.deleteFrom('role_grant')
		.where('scope_type', '=', 'consultation')
		.where('scope_id', 'in', (eb) => eb.selectFrom('consultation').select('consultation.id').where(doomed))
		.execute();
	await trx.deleteFrom('consultation').where(doomed).execute();
}
