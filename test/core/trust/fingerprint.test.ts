import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {forcePushRequest, tagsRequest} from '../../../source/core/trust/fingerprint.js';
import {resolvedRemote} from '../../harness/product-env.js';

/**
 * The fingerprints of policy requests are stored in the user's trust store: a change in what
 * they hash silently takes back every approval already given. Pinned here as written.
 */
const sha256 = (pinned: unknown[]) => createHash('sha256').update(JSON.stringify(pinned)).digest('hex');

describe('policy trust requests', () => {
	const file = '/repo/.remotesyncrc.json';
	const remote = resolvedRemote('mirror', {
		repoAsks: {file, forcePush: {requested: 'allow', untrusted: 'block'}, tags: {requested: 'all', untrusted: 'follow'}},
	});

	it('name the key, the value asked and what applies until trusted', () => {
		expect(forcePushRequest(remote)).toEqual({file, lines: ['remotes.mirror.force_push: allow (until trusted: block)'], fingerprint: sha256(['force_push', file, 'mirror', 'allow'])});
		expect(tagsRequest(remote)).toEqual({file, lines: ['remotes.mirror.tags: all (until trusted: follow)'], fingerprint: sha256(['tags', file, 'mirror', 'all'])});
	});

	it('ask nothing when the repo file loosens nothing', () => {
		const plain = resolvedRemote('mirror');
		expect(forcePushRequest(plain)).toBeUndefined();
		expect(tagsRequest(plain)).toBeUndefined();
	});
});
