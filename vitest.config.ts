import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Real git, real daemons: give network-shaped tests room, but never unbounded.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two cores: forks keep child-process heavy suites isolated.
		pool: 'forks',
		// React 19 stalls when setImmediate is faked: list what may be faked, always.
		fakeTimers: {toFake: ['setTimeout', 'clearTimeout', 'Date']},
		env: {NO_COLOR: '1'},
	},
});
