import type { RequestContext } from '$lib/server/core';

declare global {
	namespace App {
		interface Locals {
			ctx: RequestContext;
		}
		interface Error {
			message: string;
			id?: string;
		}
		interface PageData {
			locale: string;
		}
	}
}

export {};
