// Hostile texts for the XSS suite. Each would, if the page put it in as HTML, leave an element with
// a data-xss attribute, a javascript: link, or set window.__xss / open a dialog when run.
export const XSS_PAYLOADS = [
	'<script data-xss>window.__xss = 1</script>',
	'<img src="x" data-xss onerror="window.__xss = 1; alert(1)">',
	'"><svg data-xss onload="window.__xss = 1"></svg>',
	"' onmouseover='window.__xss = 1' data-xss='",
	'</textarea></title><iframe data-xss srcdoc="<script>parent.__xss = 1</script>"></iframe>',
	'[Mehr erfahren](javascript:window.__xss=1) <a href="javascript:window.__xss=1" data-xss>Link</a>',
	'{{constructor.constructor("window.__xss = 1")()}} ${window.__xss = 1}'
] as const;

/** What the browser reports about a page after rendering hostile text (all must be empty/false). */
export interface XssFindings {
	executed: boolean;
	injected: string[];
	javascriptLinks: string[];
	dialogs: string[];
	cspViolations: string[];
}

/** Runs in the page: elements and links the payloads would have created. */
export function collectInjected(): { injected: string[]; javascriptLinks: string[]; executed: boolean } {
	return {
		injected: [...document.querySelectorAll('[data-xss]')].map((e) => e.outerHTML.slice(0, 120)),
		javascriptLinks: [...document.querySelectorAll('a[href], area[href], iframe[src], form[action]')]
			.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')
			.filter((h) => /^\s*javascript:/i.test(h)),
		executed: (window as unknown as { __xss?: unknown }).__xss !== undefined
	};
}
