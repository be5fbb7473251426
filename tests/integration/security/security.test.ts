// The security suites against ONE seeded demo city served by the built app (seeding and starting it
// is most of their time): XSS through every module, then sessions/CSRF/guessing limits, then the
// authorisation matrix (last: it signs out and deletes). Each suite adds its objects before the app
// starts (prepareXss, prepareAuthz) and uses addresses of its own, so they do not meet.
import { authzSuite, prepareAuthz } from './authz-matrix';
import { useDemoApp } from './demo-app';
import { sessionsSuite } from './sessions-and-csrf';
import { prepareXss, xssSuite } from './xss';

const demo = useDemoApp('security', async (db) => {
	const authz = await prepareAuthz(db);
	const xss = await prepareXss(db);
	return { authz, xss };
});

xssSuite(demo, (f) => f.xss);
sessionsSuite(demo);
authzSuite(demo, (f) => f.authz);
