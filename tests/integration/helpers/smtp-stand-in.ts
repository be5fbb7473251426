// A minimal SMTP server on 127.0.0.1 (node:net) that accepts mail and keeps it in memory — enough
// for nodemailer to deliver to in tests. Recipients containing "reject" get a permanent 550.
import net from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	data: string;
}

export interface SmtpStandIn {
	url: string;
	received: ReceivedMail[];
	close(): Promise<void>;
}

export async function startSmtpStandIn(options: { delayMs?: number } = {}): Promise<SmtpStandIn> {
	const received: ReceivedMail[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.setEncoding('utf8');
		let buffer = '';
		let inData = false;
		let current: ReceivedMail = { from: '', to: [], data: '' };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 stand-in ESMTP');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current.data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
					buffer = buffer.slice(end + 5);
					inData = false;
					const mail = current;
					current = { from: '', to: [], data: '' };
					setTimeout(() => {
						received.push(mail);
						reply('250 2.0.0 queued');
					}, options.delayMs ?? 0);
					continue;
				}
				const newline = buffer.indexOf('\r\n');
				if (newline < 0) return;
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO' || command === 'HELO') reply('250 stand-in');
				else if (command === 'MAIL') {
					current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
					reply('250 2.1.0 ok');
				} else if (command === 'RCPT') {
					const to = /<([^>]*)>/.exec(line)?.[1] ?? '';
					if (to.includes('reject')) reply('550 5.1.1 no such user');
					else {
						current.to.push(to);
						reply('250 2.1.5 ok');
					}
				} else if (command === 'DATA') {
					inData = true;
					reply('354 go ahead');
				} else if (command === 'RSET') {
					current = { from: '', to: [], data: '' };
					reply('250 ok');
				} else if (command === 'NOOP') reply('250 ok');
				else if (command === 'QUIT') {
					reply('221 bye');
					socket.end();
				} else reply('502 5.5.2 not implemented');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
