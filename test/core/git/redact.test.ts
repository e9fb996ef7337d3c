import {describe, expect, it} from 'vitest';
import {redact} from '../../../source/core/git/redact.js';

/**
 * SPEC §4: credentials are redacted everywhere. Each row: a text as git, a hook or a config
 * may hold it, the secret that must go, and the part that must stay (so a redaction that
 * wipes everything cannot pass).
 */
const rows: Array<{text: string; secret: string[]; kept: string}> = [
	{text: 'https://user:tok3n@host.example/x.git', secret: ['tok3n', 'user:'], kept: 'https://***@host.example/x.git'},
	{text: 'https://ghp_abcdef@github.com/o/r', secret: ['ghp_abcdef'], kept: 'https://***@github.com/o/r'},
	// A raw `@`, quotes and angle brackets in the password: up to the LAST `@` of the authority.
	{text: 'https://u:p@ss"w<o>rd@host/x', secret: ['ss"w', 'w<o>rd', 'p@ss'], kept: 'https://***@host/x'},
	{text: "fatal: unable to access 'https://u:it's@sec@host:8443/r.git/': 403", secret: ['sec@', "it's"], kept: "'https://***@host:8443/r.git/': 403"},
	{text: 'http://deploy:pa%20ss%40w@127.0.0.1:9/x.git', secret: ['pa%20ss', '%40w'], kept: 'http://***@127.0.0.1:9/x.git'},
	// Every query value, whatever its key.
	{text: 'https://h/r.git?oauth_token=OT1&ref=main', secret: ['OT1', 'main'], kept: 'https://h/r.git?oauth_token=***&ref=***'},
	{text: 'https://h/r?api_key=AK2', secret: ['AK2'], kept: '?api_key=***'},
	{text: 'https://bucket.s3.example/o?X-Amz-Credential=AKIA3&X-Amz-Signature=deadbeef', secret: ['AKIA3', 'deadbeef'], kept: '?X-Amz-Credential=***&X-Amz-Signature=***'},
	{text: 'see https://h/blob?sv=2020&sig=S1G%2B; then retry', secret: ['S1G', '2020'], kept: 'see https://h/blob?sv=***&sig=***'},
	{text: 'https://h/x?SECRETBARE', secret: ['SECRETBARE'], kept: 'https://h/x?***'},
	{text: 'https://h/x#access_token=FRAG9', secret: ['FRAG9'], kept: 'https://h/x#access_token=***'},
	// scp-like: user:password goes, a bare ssh user stays.
	{text: 'deploy:hunter2@git.example:team/repo.git', secret: ['hunter2', 'deploy:'], kept: '***@git.example:team/repo.git'},
	{text: "fatal: 'ci:p@ss@host:r.git' does not appear", secret: ['p@ss', 'ci:'], kept: "'***@host:r.git'"},
	{text: 'git@github.com:owner/repo.git', secret: [], kept: 'git@github.com:owner/repo.git'},
	{text: 'To ssh://git@host:2222/r.git', secret: [], kept: 'To ssh://***@host:2222/r.git'},
	// Outside a URL.
	{text: 'remote: private_token=PT7 accepted', secret: ['PT7'], kept: 'remote: private_token=*** accepted'},
	{text: 'Authorization: Bearer BR8', secret: ['BR8'], kept: 'Authorization: Bearer ***'},
	// Nothing to redact: unchanged.
	{text: 'To http://127.0.0.1:9418/x.git\n   abc..def  main -> main', secret: [], kept: 'To http://127.0.0.1:9418/x.git\n   abc..def  main -> main'},
	{text: 'remote: user@host: message, refs/heads/a:refs/heads/b', secret: [], kept: 'remote: user@host: message, refs/heads/a:refs/heads/b'},
];

describe('redact', () => {
	it.each(rows)('$text', ({text, secret, kept}) => {
		const out = redact(text);
		for (const part of secret) expect(out).not.toContain(part);
		expect(out).toContain(kept);
	});

	it('is idempotent: outputs apply it again on the way out', () => {
		for (const {text} of rows) expect(redact(redact(text))).toBe(redact(text));
	});
});
