import {describe, expect, it} from 'vitest';
import {ownsRef, parseRefspec, trackingRefsOf, type Refspec, type RemoteLayout} from '../../../source/core/status/refspecs.js';

const specs = (...texts: string[]): Refspec[] => texts.map(text => parseRefspec(text)!);

/** Nested names, a narrow clone, an exact destination, a shared destination, a negative refspec, no refspec at all. */
const layout: RemoteLayout = new Map([
	['gh', specs('+refs/heads/*:refs/remotes/gh/*')],
	['gh/mirror', specs('+refs/heads/*:refs/remotes/gh/mirror/*')],
	['narrow', specs('+refs/heads/main:refs/remotes/narrow/main')],
	['custom', specs('+refs/heads/*:refs/mirrors/custom/*', '^refs/heads/wip/*')],
	['twin-a', specs('+refs/heads/*:refs/remotes/twins/*')],
	['twin-b', specs('+refs/heads/*:refs/remotes/twins/*')],
	['both', specs('+refs/heads/*:refs/remotes/both/*', '+refs/heads/main:refs/remotes/both/main')],
	['bare-name', []],
]);

const refs = [
	'refs/heads/main',
	'refs/heads/gh/topic',
	'refs/remotes/gh/main',
	'refs/remotes/gh/feature/x',
	'refs/remotes/gh/mirror/main',
	'refs/remotes/gh/mirror/deep/er',
	'refs/remotes/narrow/main',
	'refs/remotes/narrow/other',
	'refs/mirrors/custom/main',
	'refs/remotes/custom/main',
	'refs/remotes/twins/main',
	'refs/remotes/both/main',
	'refs/remotes/both/topic',
	'refs/remotes/bare-name/main',
	'refs/remotes/config-only/main',
	'refs/remotes/unknown/main',
];

describe('tracking refs of each remote, in one pass (refspecs.ts trackingRefsOf)', () => {
	it('says what ownsRef says for every remote and ref', () => {
		const remotes = [...layout.keys(), 'config-only'];
		const owned = trackingRefsOf(layout, remotes, refs);
		for (const remote of remotes) expect(owned.get(remote), remote).toEqual(refs.filter(ref => !ref.startsWith('refs/heads/') && ownsRef(layout, remote, ref)));
		// Spot checks, so the comparison above cannot pass by both being empty.
		expect(owned.get('gh')).toEqual(['refs/remotes/gh/main', 'refs/remotes/gh/feature/x']);
		expect(owned.get('gh/mirror')).toEqual(['refs/remotes/gh/mirror/main', 'refs/remotes/gh/mirror/deep/er']);
		expect(owned.get('narrow')).toEqual(['refs/remotes/narrow/main']);
		expect(owned.get('twin-a')).toEqual(['refs/remotes/twins/main']);
		expect(owned.get('both')).toEqual(['refs/remotes/both/main', 'refs/remotes/both/topic']);
		expect(owned.get('config-only')).toEqual(['refs/remotes/config-only/main']);
	});
});
