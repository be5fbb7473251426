import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../lib/server/auth/actor';
import { createUser } from '../../lib/server/users';
import { SYSTEM_ACTOR } from '../../lib/server/core';
import { CliError, withDatabase, type CliCommand } from '../command';

const USAGE = 'qk user create --email E --role ROLE [--name N] [--password P]';

const MESSAGES = {
	forbidden: 'Keine Berechtigung.',
	invalid:
		'Ungültige Angaben: Bitte prüfen Sie die E-Mail-Adresse; ein Passwort braucht mindestens 10 Zeichen.',
	email_taken: 'Unter dieser E-Mail-Adresse gibt es bereits ein Konto.'
} as const;

export const userCreateCommand: CliCommand = {
	name: 'user create',
	summary: `Legt ein Konto mit bestätigter E-Mail-Adresse an (Rollen: ${ROLES.join(', ')}).`,
	usage: USAGE,
	async run(args, io) {
		let values: { email?: string; role?: string; name?: string; password?: string };
		try {
			({ values } = parseArgs({
				args,
				options: {
					email: { type: 'string' },
					role: { type: 'string' },
					name: { type: 'string' },
					password: { type: 'string' }
				},
				strict: true,
				allowPositionals: false
			}));
		} catch (e) {
			throw new CliError(`${(e as Error).message}\nAufruf: ${USAGE}`);
		}
		if (!values.email || !values.role) throw new CliError(`--email und --role sind nötig.\nAufruf: ${USAGE}`);
		if (!(ROLES as readonly string[]).includes(values.role))
			throw new CliError(`Unbekannte Rolle „${values.role}“. Möglich sind: ${ROLES.join(', ')}.`);

		const result = await withDatabase(io.config, (database) =>
			createUser(
				{ db: database.db, actor: SYSTEM_ACTOR, now: new Date() },
				{
					email: values.email!.trim(),
					role: values.role as Role,
					displayName: values.name?.trim() || undefined,
					password: values.password
				}
			)
		);
		if (!result.ok) throw new CliError(MESSAGES[result.code]);
		const { userId, generatedPassword, granted } = result.value;
		io.out(`Konto angelegt: ${values.email!.trim().toLowerCase()} (ID ${userId}).`);
		io.out(
			granted
				? `Rolle ${values.role} wurde für die ganze Kommune zugewiesen.`
				: `Die Rolle ${values.role} braucht einen Geltungsbereich (Gebiete bzw. Träger): Bitte weisen Sie ihn unter /admin/benutzer zu.`
		);
		if (generatedPassword) {
			io.out(`Erzeugtes Passwort (wird nur dieses eine Mal angezeigt): ${generatedPassword}`);
			io.out('Bitte geben Sie es sicher weiter; die Person kann es unter „Mein Konto“ ändern.');
		}
		return 0;
	}
};
