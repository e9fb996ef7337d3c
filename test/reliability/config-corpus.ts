import {seeded} from './support.js';

/**
 * A generated corpus of bad `.remotesyncrc.json` files, the same for the same seed:
 * - text mutations of valid configs (a character dropped, inserted, swapped; a cut; a slice
 *   repeated), which are mostly broken JSON;
 * - structural mutations: a random node of a valid config replaced by a hostile value (huge,
 *   negative, fractional, the wrong type, very long, shell syntax, option-looking, unicode),
 *   or a remote added under a hostile name. Many of these are schema-valid.
 * `canaryCommand` is put in every shell-looking string: if anything ever ran one of them, the
 * canary file would appear.
 */

export type CorpusCase = {id: number; kind: 'text' | 'structure'; text: string};

const bases: unknown[] = [
	{
		remotes: {
			origin: {priority: 1, branches: ['*'], force_push: 'block'},
			'github-mirror': {priority: 2, branches: ['main', 'develop'], tags: 'all', branch_map: {main: 'master', develop: 'dev'}},
			'internal-server': {priority: 3, branches: ['main'], vpn: 'corporate'},
		},
		vpn: {corporate: {connect_cmd: 'true', disconnect_cmd: 'true', check_cmd: 'false', timeout: 5}},
		parallel: true,
		offline_queue: true,
	},
	{
		max_workers: 2,
		health_check_timeout: 3,
		retry_base_delay: 0.5,
		retry_max_delay: 4,
		auto_fetch: false,
		remotes: {backup: {url: '/nonexistent/backup.git', group: 'mirrors', retry: 1, timeout: 5, enabled: true, branches: ['release/*', '!release/old*']}},
	},
	{remotes: {origin: {vpn: {connect_cmd: 'true', check_cmd: 'true', auto_connect: false}}, mirror: {url: 'git://127.0.0.1:1/x.git', force_push: 'warn'}}},
	{},
];

export function hostileStrings(canaryCommand: string): string[] {
	return [
		'',
		' ',
		'a'.repeat(100_000),
		'-f',
		'--force',
		`--upload-pack=${canaryCommand}`,
		`-oProxyCommand=${canaryCommand}`,
		`$(${canaryCommand})`,
		`\`${canaryCommand}\``,
		`; ${canaryCommand}`,
		`| ${canaryCommand}`,
		`ext::sh -c ${canaryCommand.replaceAll(' ', '% ')}`,
		'../../../../etc/passwd',
		'ünïcødé ✓ 🚀',
		'\u0000nul',
		'\u202Eright-to-left',
		'line\nbreak',
		'~',
		'*',
		'!*',
		'[',
		'refs/heads/main',
		'HEAD',
		'__proto__',
		'https://user:tok3n@127.0.0.1:1/x.git',
	];
}

const hostileNumbers: number[] = [1e308, -1e308, 0, -0, -1, 0.5, -0.5, 2 ** 53, 2 ** 53 + 2, 5e-324, 123456789012345678901234567890, 2 ** 31, 2 ** 31 - 1];

function hostileValues(canaryCommand: string): unknown[] {
	let deep: unknown = 'bottom';
	for (let i = 0; i < 200; i++) deep = [deep];
	return [...hostileNumbers, ...hostileStrings(canaryCommand), null, true, false, [], {}, [1, 'two', null], deep, {nested: {deeper: {deepest: 1}}}];
}

function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

const insertable = ['{', '}', '[', ']', '"', ',', ':', '0', '-', 'e', '9', '.', ' ', '\n', '\t', '\\', 'n', 'é', '\u0000', '/', '*'];

function mutateText(text: string, random: () => number): string {
	const at = Math.floor(random() * (text.length + 1));
	switch (Math.floor(random() * 6)) {
		case 0:
			return text.slice(0, at) + text.slice(at + 1);
		case 1:
			return text.slice(0, at) + pick(random, insertable) + text.slice(at);
		case 2: {
			const other = Math.floor(random() * text.length);
			const chars = [...text];
			[chars[at], chars[other]] = [chars[other] ?? '', chars[at] ?? ''];
			return chars.join('');
		}

		case 3:
			return text.slice(0, at);
		case 4: {
			const end = Math.min(text.length, at + 1 + Math.floor(random() * 20));
			return text.slice(0, end) + text.slice(at, end) + text.slice(end);
		}

		default:
			return text.slice(0, at) + String(pick(random, hostileNumbers)) + text.slice(at);
	}
}

type Path = Array<string | number>;

/** Every path to a node (objects and arrays included) of a JSON value. */
function paths(value: unknown, prefix: Path = []): Path[] {
	const out: Path[] = [prefix];
	if (Array.isArray(value)) value.forEach((item, index) => out.push(...paths(item, [...prefix, index])));
	else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...prefix, key]));
	return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
	if (path.length === 0) return value;
	const copy = structuredClone(root) as Record<string | number, unknown>;
	let node = copy;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
	node[path.at(-1)!] = value;
	return copy;
}

const topKeys = ['max_workers', 'health_check_timeout', 'retry_base_delay', 'retry_max_delay', 'parallel', 'offline_queue', 'auto_fetch', 'remotes', 'vpn'];
const remoteKeys = ['priority', 'branches', 'force_push', 'retry', 'timeout', 'group', 'url', 'vpn', 'enabled', 'tags', 'branch_map'];

function mutateStructure(base: unknown, random: () => number, canaryCommand: string): unknown {
	const values = hostileValues(canaryCommand);
	const names = hostileStrings(canaryCommand).filter(name => name.length < 1000);
	const config = structuredClone(base) as Record<string, unknown>;
	switch (Math.floor(random() * 4)) {
		case 0: {
			const all = paths(config).filter(path => path.length > 0);
			return all.length === 0 ? {[pick(random, topKeys)]: pick(random, values)} : setAt(config, pick(random, all), pick(random, values));
		}

		case 1:
			return {...config, [pick(random, topKeys)]: pick(random, values)};
		case 2: {
			// A remote with a hostile name and otherwise plausible settings (schema-valid).
			const remotes = {...(config.remotes as Record<string, unknown> | undefined), [pick(random, names)]: {url: pick(random, ['/nonexistent/x.git', ...names]), retry: 0, timeout: 1}};
			return {...config, remotes};
		}

		default: {
			const remote: Record<string, unknown> = {url: '/nonexistent/y.git'};
			remote[pick(random, remoteKeys)] = pick(random, values);
			return {...config, remotes: {...(config.remotes as Record<string, unknown> | undefined), target: remote}};
		}
	}
}

export function generateCorpus(options: {seed: number; count: number; canaryCommand: string}): CorpusCase[] {
	const random = seeded(options.seed);
	const cases: CorpusCase[] = [];
	for (let id = 0; id < options.count; id++) {
		const base = pick(random, bases);
		if (id % 2 === 0) {
			let text = JSON.stringify(base, null, 2);
			const rounds = 1 + Math.floor(random() * 3);
			for (let round = 0; round < rounds; round++) text = mutateText(text, random);
			cases.push({id, kind: 'text', text});
		} else {
			cases.push({id, kind: 'structure', text: JSON.stringify(mutateStructure(base, random, options.canaryCommand), null, 2)});
		}
	}

	return cases;
}
