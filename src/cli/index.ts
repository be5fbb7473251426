// qk — the Quartierskompass command line (bin/qk.js runs this file through tsx).
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2));
