/**
 * The defaults of every setting (SPEC §2), apart from the zod schema (schema.ts) that
 * validates config files: a run without a config file resolves its settings from these
 * alone and never loads the validator.
 */

export const forcePushPolicies = ['block', 'warn', 'allow'] as const;
export type ForcePushPolicy = (typeof forcePushPolicies)[number];

/** Which tags go with a push (SPEC §2): `follow` as `git push --follow-tags` would, every local tag, or none. */
export const tagPolicies = ['follow', 'all', 'none'] as const;
export type TagPolicy = (typeof tagPolicies)[number];

export const defaults = {
	parallel: true,
	max_workers: 4,
	offline_queue: true,
	health_check_timeout: 5,
	refresh_interval: 60,
	retry_base_delay: 1.0,
	retry_max_delay: 30.0,
	auto_fetch: true,
	stall_timeout: 10,
} as const;

export const remoteDefaults = {
	priority: 1,
	branches: ['*'] as readonly string[],
	force_push: 'block' as ForcePushPolicy,
	retry: 3,
	timeout: 30,
	enabled: true,
	tags: 'follow' as TagPolicy,
};

export const vpnDefaults = {
	timeout: 30,
	auto_connect: true,
};
