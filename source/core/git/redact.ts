/**
 * Credentials never leave the process: every message, JSON field, log line, frame and queue
 * entry that may hold a URL goes through `redact` (the outputs apply it once more on the way
 * out, see core/text/shown-text.ts). Over-redacting is fine; a leak is not.
 *
 * - URLs: the whole userinfo up to the LAST `@` of the authority (a password may hold a raw
 *   `@`, quotes or `<>`), and every query value whatever its key (`?sig=`, `X-Amz-Signature=`,
 *   `?oauth_token=`): a signed URL's secret can sit under any name. A bare `?TOKEN` too.
 * - scp-like `user:password@host:path`: the `user:password` part. A bare ssh user
 *   (`git@host:path`) is no secret and stays.
 * - Outside URLs: `token=`-like pairs and Authorization headers (GIT_TRACE_CURL, hooks).
 */

// scheme:// then the authority: everything up to the path, query, fragment or a space.
const urlAuthority = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)/gi;
// After a URL's authority and path: its query (and fragment), up to a space.
const urlQuery = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#]*[^\s?#]*)([?#][^\s]*)/gi;
// user:password@host:path — no scheme, no slash before the `@`.
const scpCredentials = /(^|[\s'"<>(=,;])[^\s@:/'"<>]+:[^\s/]*@(?=[^\s@/:]+:)/g;
// Tokens passed as key=value outside a URL (?access_token=..., &private_token=...).
const tokenPair = /((?:^|[\s?&;,'"])(?:access_token|private_token|oauth_token|api_key|apikey|token|password|passwd|secret|auth|sig|signature)=)[^\s&#'"]+/gi;
// Authorization headers echoed by GIT_TRACE_CURL or a verbose remote.
const authHeader = /(authorization:\s*(?:basic|bearer|token)\s+)\S+/gi;

function withoutUserinfo(_match: string, scheme: string, authority: string): string {
	const at = authority.lastIndexOf('@');
	return at === -1 ? `${scheme}${authority}` : `${scheme}***${authority.slice(at)}`;
}

function withoutQueryValues(_match: string, base: string, query: string): string {
	const redacted = query.replace(/([?#&;])([^&;#]*)/g, (_part, separator: string, pair: string) => {
		if (pair.length === 0) return separator;
		const equals = pair.indexOf('=');
		return equals === -1 ? `${separator}***` : `${separator}${pair.slice(0, equals)}=***`;
	});
	return `${base}${redacted}`;
}

export function redact(text: string): string {
	return text
		.replace(urlAuthority, withoutUserinfo)
		.replace(urlQuery, withoutQueryValues)
		.replace(scpCredentials, '$1***@')
		.replace(tokenPair, '$1***')
		.replace(authHeader, '$1***');
}

export function redactUrl(url: string | undefined): string | undefined {
	return url === undefined ? undefined : redact(url);
}
