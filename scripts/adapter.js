// adapter-node with our defaults (BODY_SIZE_LIMIT, ORIGIN) for however the build is started (`node build`, `npm start`, a
// custom server importing build/handler.js). adapter-node reads BODY_SIZE_LIMIT once, when its
// handler module loads, and defaults to 512K; it has no option for it. So the adapter's output
// goes to build/app/, and build/index.js + build/handler.js first load build/defaults.js.
import fs from 'node:fs';
import path from 'node:path';
import nodeAdapter from '@sveltejs/adapter-node';

// Photos (3 × 8 MB) and area imports (50 MB) fit with room for the form's text fields.
// src/lib/server/config.ts has the same default for the message on the form (a unit test checks).
export const DEFAULT_BODY_SIZE_LIMIT = '60M';

// Without ORIGIN adapter-node takes the scheme to be https, and every form post over plain HTTP fails
// SvelteKit's origin check; the README documents http://localhost:$PORT as the default.
const DEFAULTS = `// Written by scripts/adapter.js: defaults that must be set before adapter-node's handler loads.
process.env.BODY_SIZE_LIMIT ??= ${JSON.stringify(DEFAULT_BODY_SIZE_LIMIT)};
process.env.ORIGIN ??= \`http://localhost:\${process.env.PORT ?? '3000'}\`;
`;

/** @param {{ out?: string }} [options] */
export default function adapter({ out = 'build' } = {}) {
	const inner = nodeAdapter({ out: `${out}/app` });
	return {
		...inner,
		name: 'quartierskompass-adapter-node',
		/** @param {import('@sveltejs/kit').Builder} builder */
		async adapt(builder) {
			builder.rimraf(out);
			await inner.adapt(builder);
			// Imports run in order: defaults.js has set the environment before app/ reads it.
			fs.writeFileSync(path.join(out, 'defaults.js'), DEFAULTS);
			fs.writeFileSync(path.join(out, 'index.js'), "import './defaults.js';\nimport './app/index.js';\n");
			fs.writeFileSync(
				path.join(out, 'handler.js'),
				"import './defaults.js';\nexport { handler } from './app/handler.js';\n"
			);
		}
	};
}
