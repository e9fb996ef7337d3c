/**
 * Credentials in URLs never leave the process: every message, JSON field, log line and
 * queue entry that may hold a URL goes through `redact`.
 */

// scheme://userinfo@host — userinfo may be "user", "user:token" or just a token.
const urlUserinfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"<>]+)@/gi;
// Tokens passed in the query string (?access_token=..., &private_token=...).
const queryToken = /([?&](?:access_token|private_token|token|password|passwd|auth)=)[^\s&#'"]+/gi;
// Authorization headers echoed by GIT_TRACE_CURL or a verbose remote.
const authHeader = /(authorization:\s*(?:basic|bearer|token)\s+)\S+/gi;

export function redact(text: string): string {
	return text.replace(urlUserinfo, '$1***@').replace(queryToken, '$1***').replace(authHeader, '$1***');
}

export function redactUrl(url: string | undefined): string | undefined {
	return url === undefined ? undefined : redact(url);
}
