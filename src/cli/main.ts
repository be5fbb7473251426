// Dispatches argv to a command; separate from index.ts so tests can call it in-process.
import { CliError, defaultIO, type CliIO } from './command';
import { commands } from './commands';

export function helpText(): string {
	const width = Math.max(...commands.map((c) => c.usage.length));
	return [
		'qk – Kommandozeile von Quartierskompass',
		'',
		'Befehle:',
		...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
		'',
		'Konfiguration über Umgebungsvariablen (DATABASE_URL, DATA_DIR …), siehe README.',
		'Hilfe zu einem Befehl: qk <befehl> --help'
	].join('\n');
}

export async function runCli(argv: string[], io: CliIO = defaultIO()): Promise<number> {
	if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
		io.out(helpText());
		return argv.length === 0 ? 1 : 0;
	}
	// Longest match first, so 'seed demo' wins over 'seed'.
	const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
	const command = sorted.find((c) => {
		const words = c.name.split(' ');
		return words.every((w, i) => argv[i] === w);
	});
	if (!command) {
		io.err(`Unbekannter Befehl: ${argv.join(' ')}\n`);
		io.err(helpText());
		return 1;
	}
	const args = argv.slice(command.name.split(' ').length);
	if (args.includes('--help') || args.includes('-h')) {
		io.out(`Aufruf: ${command.usage}\n\n${command.summary}`);
		return 0;
	}
	try {
		return await command.run(args, io);
	} catch (e) {
		if (e instanceof CliError) {
			io.err(`Fehler: ${e.message}`);
			return e.exitCode;
		}
		throw e;
	}
}
