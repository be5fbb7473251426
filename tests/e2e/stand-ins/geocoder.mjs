// A stand-in for a Nominatim-compatible /search endpoint, so the e2e server can have a geocoder
// configured without any outside service. Addresses starting with "Marktplatz" are found in the
// middle of the requested viewbox; everything else is not found.
import http from 'node:http';

const port = Number(process.env.GEOCODER_PORT ?? 5173);

http
	.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://stand-in');
		if (url.pathname === '/healthz') return res.end('ok');
		if (url.pathname !== '/search') {
			res.writeHead(404);
			return res.end();
		}
		const [west, north, east, south] = (url.searchParams.get('viewbox') ?? '7,51.3,7.2,51.1')
			.split(',')
			.map(Number);
		const q = url.searchParams.get('q') ?? '';
		const hits = q.startsWith('Marktplatz')
			? [
					{
						lat: String((north + south) / 2),
						lon: String((west + east) / 2),
						display_name: `${q}, Musterstadt`
					}
				]
			: [];
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(hits));
	})
	.listen(port, '127.0.0.1');
