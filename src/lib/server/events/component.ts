// What the participation core calls of the events module: exports (counts only), open data (the
// iCalendar feed), personal data, account deletion, statistics and the demo seed. No moderation: events
// are written by staff only.
import type { ExportDefinition, ParticipationHooks } from '../participation/component';
import { deleteDemoEvents, seedDemoEvents } from './demo';
import { eventExport } from './export-definition';
import { eventAreaActivity, eventSummaries } from './following-hooks';
import { eventPersonalData, removeEventAuthor } from './personal-data';
import { eventPlannerInput } from './planner-input';
import { eventStats } from './stats';
import { eventTextInputs } from './text-inputs';

export const eventHooks: ParticipationHooks = {
	exports: [eventExport as ExportDefinition],
	openData: [
		{
			path: '/api/v1/events.ics',
			operationId: 'getEventsCalendar',
			summary: 'Termine als iCalendar-Feed',
			description:
				'Alle öffentlichen Termine (Werkstätten, Konferenzen, Infostände …) als abonnierbarer iCalendar-Feed (RFC 5545). Zeiten in UTC; stabile UIDs je Termin, SEQUENCE steigt bei jeder Änderung, abgesagte Termine mit STATUS:CANCELLED. Enthalten sind alle kommenden Termine und die der letzten sechs Monate.',
			parameters: [
				{
					name: 'consultation',
					description: 'Nur Termine dieses Beteiligungsverfahrens (Slug).',
					schema: { type: 'string' }
				},
				{
					name: 'area',
					description: 'Nur Termine dieses Gebiets und der Gebiete darunter (Gebietsschlüssel).',
					schema: { type: 'string' }
				}
			],
			contentType: 'text/calendar'
		}
	],
	personalData: eventPersonalData,
	removeAuthor: removeEventAuthor,
	statsPerArea: eventStats,
	textInputs: eventTextInputs,
	itemSummaries: [eventSummaries],
	areaActivity: eventAreaActivity,
	plannerInput: eventPlannerInput,
	demo: { seed: ({ trx, now, storage }) => seedDemoEvents(trx, now, storage), remove: deleteDemoEvents }
};
