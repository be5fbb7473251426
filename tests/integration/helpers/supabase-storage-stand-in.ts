// A local stand-in for the Supabase Storage REST endpoints that @supabase/storage-js calls
// (paths, methods, headers and response shapes as in storage-js' StorageFileApi), so the Supabase
// driver is tested over real HTTP without network access. Objects live in memory.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

interface StoredFile {
	id: string;
	data: Buffer;
	contentType: string;
	createdAt: string;
	updatedAt: string;
}

export interface StandIn {
	url: string;
	serviceKey: string;
	bucket: string;
	/** bucket → (object name → file) */
	objects: Map<string, StoredFile>;
	/** Every request seen, e.g. 'POST /storage/v1/object/list/uploads'. */
	requests: string[];
	close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

// The Storage API reports errors with HTTP 400 and the real status in `statusCode` (legacy format).
function apiError(res: http.ServerResponse, statusCode: string, error: string, message: string) {
	send(res, 400, { statusCode, error, message });
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startSupabaseStorageStandIn(
	options: { serviceKey?: string; bucket?: string } = {}
): Promise<StandIn> {
	const serviceKey = options.serviceKey ?? `service-${randomUUID()}`;
	const bucket = options.bucket ?? 'uploads';
	const objects = new Map<string, StoredFile>();
	const requests: string[] = [];

	const server = http.createServer((req, res) => {
		void handle(req, res).catch((e) =>
			send(res, 500, { statusCode: '500', error: 'internal', message: String(e) })
		);
	});

	async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://stand-in');
		const pathname = decodeURIComponent(url.pathname);
		requests.push(`${req.method} ${pathname}`);
		if (req.headers.authorization !== `Bearer ${serviceKey}` || req.headers.apikey !== serviceKey) {
			return apiError(res, '403', 'Unauthorized', 'invalid signature');
		}
		const prefix = '/storage/v1/object/';
		if (!pathname.startsWith(prefix)) return apiError(res, '404', 'not_found', 'Route not found');
		const rest = pathname.slice(prefix.length);

		// POST /object/list/{bucket}  body {prefix, limit, offset, sortBy, search}
		if (req.method === 'POST' && rest.startsWith('list/')) {
			const listBucket = rest.slice('list/'.length);
			if (listBucket !== bucket) return apiError(res, '404', 'Bucket not found', 'Bucket not found');
			const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
				prefix?: string;
				limit?: number;
				offset?: number;
				sortBy?: { column?: string; order?: string };
				search?: string;
			};
			let folder = body.prefix ?? '';
			if (folder.length > 0 && !folder.endsWith('/')) folder = `${folder}/`;
			const search = (body.search ?? '').toLowerCase();
			const level = new Map<string, { name: string; file?: StoredFile }>();
			for (const [name, file] of objects) {
				if (!name.startsWith(folder)) continue;
				const tail = name.slice(folder.length);
				const slash = tail.indexOf('/');
				const entry = slash === -1 ? tail : tail.slice(0, slash);
				if (!entry.toLowerCase().startsWith(search)) continue;
				if (slash === -1) level.set(`f:${entry}`, { name: entry, file });
				else if (!level.has(`d:${entry}`)) level.set(`d:${entry}`, { name: entry });
			}
			const sorted = [...level.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
			if (body.sortBy?.order === 'desc') sorted.reverse();
			const offset = body.offset ?? 0;
			const page = sorted.slice(offset, offset + (body.limit ?? 100));
			return send(
				res,
				200,
				page.map(({ name, file }) =>
					file
						? {
								name,
								id: file.id,
								updated_at: file.updatedAt,
								created_at: file.createdAt,
								last_accessed_at: file.updatedAt,
								metadata: {
									eTag: `"${file.id}"`,
									size: file.data.length,
									mimetype: file.contentType,
									cacheControl: 'max-age=3600',
									lastModified: file.updatedAt,
									contentLength: file.data.length,
									httpStatusCode: 200
								}
							}
						: { name, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null }
				)
			);
		}

		// DELETE /object/{bucket}  body {prefixes: [...]}
		if (req.method === 'DELETE' && !rest.includes('/')) {
			if (rest !== bucket) return apiError(res, '404', 'Bucket not found', 'Bucket not found');
			const body = JSON.parse((await readBody(req)).toString('utf8')) as { prefixes: string[] };
			const removed = [];
			for (const name of body.prefixes) {
				const file = objects.get(name);
				if (!file) continue;
				objects.delete(name);
				removed.push({ name, bucket_id: bucket, id: file.id, metadata: { size: file.data.length } });
			}
			return send(res, 200, removed);
		}

		// GET /object/{bucket}/{path} or /object/authenticated/{bucket}/{path}
		const objectPath = rest.startsWith('authenticated/') ? rest.slice('authenticated/'.length) : rest;
		const slash = objectPath.indexOf('/');
		const objectBucket = slash === -1 ? objectPath : objectPath.slice(0, slash);
		const name = slash === -1 ? '' : objectPath.slice(slash + 1);
		if (objectBucket !== bucket) return apiError(res, '404', 'Bucket not found', 'Bucket not found');
		if (!name) return apiError(res, '400', 'InvalidKey', 'Invalid key');

		if (req.method === 'GET') {
			const file = objects.get(name);
			if (!file) return apiError(res, '404', 'not_found', 'Object not found');
			res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length });
			return res.end(file.data);
		}

		// POST (create; x-upsert: true replaces) or PUT (update) /object/{bucket}/{path}
		if (req.method === 'POST' || req.method === 'PUT') {
			const data = await readBody(req);
			const existing = objects.get(name);
			if (req.method === 'POST' && existing && req.headers['x-upsert'] !== 'true') {
				return apiError(res, '409', 'Duplicate', 'The resource already exists');
			}
			if (req.method === 'PUT' && !existing) return apiError(res, '404', 'not_found', 'Object not found');
			const now = new Date().toISOString();
			const file: StoredFile = {
				id: existing?.id ?? randomUUID(),
				data,
				contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
				createdAt: existing?.createdAt ?? now,
				updatedAt: now
			};
			objects.set(name, file);
			return send(res, 200, { Id: file.id, Key: `${bucket}/${name}` });
		}
		return apiError(res, '405', 'method_not_allowed', `${req.method} not supported`);
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		serviceKey,
		bucket,
		objects,
		requests,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((e) => (e ? reject(e) : resolve()));
			})
	};
}
