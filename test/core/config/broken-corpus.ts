/**
 * Broken configs, each a `.remotesyncrc.json` text and where the error must point: a key
 * path (`kind: 'key'`) or a line:column (`kind: 'syntax'`). Every one must end in a single
 * line ConfigError, exit code 2, naming the file — broken-corpus.test.ts checks the loader,
 * the CLI end-to-end tests run the same array through the real binary.
 */

export type BrokenConfig = {
	name: string;
	/** The whole file text, written as `.remotesyncrc.json` at the repository root. */
	text: string;
	kind: 'syntax' | 'key';
	/** `line:column` for syntax errors; the dotted key path otherwise. */
	at: string;
	/** Git remotes the repository needs for the case (name → url); none when absent. */
	gitRemotes?: Record<string, string>;
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const brokenConfigs: BrokenConfig[] = [
	// JSON syntax: line and column.
	{name: 'a key without a value', text: '{\n  "parallel": \n}\n', kind: 'syntax', at: '3:1'},
	{name: 'a trailing comma in an object', text: '{\n  "parallel": true,\n}\n', kind: 'syntax', at: '3:1'},
	{name: 'a trailing comma in a list', text: '{\n  "remotes": {\n    "origin": {"branches": ["main",]}\n  }\n}\n', kind: 'syntax', at: '3:36'},
	{name: 'a comment', text: '{\n  // mirrors\n  "parallel": true\n}\n', kind: 'syntax', at: '2:3'},
	{name: 'single-quoted keys', text: "{\n  'parallel': true\n}\n", kind: 'syntax', at: '2:3'},
	{name: 'a missing comma between keys', text: '{\n  "parallel": true\n  "max_workers": 2\n}\n', kind: 'syntax', at: '3:3'},
	{name: 'a file cut short', text: '{\n  "remotes": {\n    "origin": {\n', kind: 'syntax', at: '4:1'},
	{name: 'text after the object', text: '{"parallel": true}\n}\n', kind: 'syntax', at: '2:1'},
	{name: 'a misspelt literal', text: '{\n  "parallel": ture\n}\n', kind: 'syntax', at: '2:16'},
	{name: 'a raw tab inside a string', text: '{\n  "remotes": {"origin": {"group": "a\tb"}}\n}\n', kind: 'syntax', at: '2:37'},
	{name: 'an empty file', text: '', kind: 'syntax', at: '1:1'},
	{name: 'a file of only whitespace', text: '  \n\n', kind: 'syntax', at: '1:1'},
	// Top level of the wrong shape.
	{name: 'a list at the top level', text: '["origin"]\n', kind: 'key', at: 'top level'},
	{name: 'a string at the top level', text: '"origin"\n', kind: 'key', at: 'top level'},
	{name: 'null at the top level', text: 'null\n', kind: 'key', at: 'top level'},
	// Wrong types and values.
	{name: 'a string for a boolean', text: json({parallel: 'yes'}), kind: 'key', at: 'parallel'},
	{name: 'max_workers 0', text: json({max_workers: 0}), kind: 'key', at: 'max_workers'},
	{name: 'max_workers not whole', text: json({max_workers: 2.5}), kind: 'key', at: 'max_workers'},
	{name: 'max_workers as a string', text: json({max_workers: '4'}), kind: 'key', at: 'max_workers'},
	{name: 'max_workers too large for a number', text: '{"max_workers": 1e999}', kind: 'key', at: 'max_workers'},
	{name: 'stall_timeout 0', text: json({stall_timeout: 0}), kind: 'key', at: 'stall_timeout'},
	{name: 'health_check_timeout 0', text: json({health_check_timeout: 0}), kind: 'key', at: 'health_check_timeout'},
	{name: 'a negative retry delay', text: json({retry_base_delay: -1}), kind: 'key', at: 'retry_base_delay'},
	{name: 'retry not whole', text: json({remotes: {origin: {retry: 1.5}}}), kind: 'key', at: 'remotes.origin.retry'},
	{name: 'a negative retry', text: json({remotes: {origin: {retry: -1}}}), kind: 'key', at: 'remotes.origin.retry'},
	{name: 'priority not whole', text: json({remotes: {origin: {priority: 1.5}}}), kind: 'key', at: 'remotes.origin.priority'},
	{name: 'priority as a string', text: json({remotes: {origin: {priority: '1'}}}), kind: 'key', at: 'remotes.origin.priority'},
	{name: 'a zero remote timeout', text: json({remotes: {origin: {timeout: 0}}}), kind: 'key', at: 'remotes.origin.timeout'},
	{name: 'a negative remote timeout', text: json({remotes: {origin: {timeout: -5}}}), kind: 'key', at: 'remotes.origin.timeout'},
	{name: 'an unknown force_push policy', text: json({remotes: {origin: {force_push: 'sometimes'}}}), kind: 'key', at: 'remotes.origin.force_push'},
	{name: 'an unknown tags policy', text: json({remotes: {origin: {tags: 'annotated'}}}), kind: 'key', at: 'remotes.origin.tags'},
	{name: 'tags as a boolean', text: json({remotes: {origin: {tags: true}}}), kind: 'key', at: 'remotes.origin.tags'},
	{name: 'branches as a string', text: json({remotes: {origin: {branches: 'main'}}}), kind: 'key', at: 'remotes.origin.branches'},
	{name: 'a number among branches', text: json({remotes: {origin: {branches: ['main', 5]}}}), kind: 'key', at: 'remotes.origin.branches[1]'},
	{name: 'enabled as a string', text: json({remotes: {origin: {enabled: 'false'}}}), kind: 'key', at: 'remotes.origin.enabled'},
	{name: 'a numeric group', text: json({remotes: {origin: {group: 3}}}), kind: 'key', at: 'remotes.origin.group'},
	{name: 'a remote that is a string', text: json({remotes: {origin: 'git@example.com:x.git'}}), kind: 'key', at: 'remotes.origin'},
	{name: 'remotes as a list', text: json({remotes: ['origin']}), kind: 'key', at: 'remotes'},
	{name: 'a remote name with dots', text: json({remotes: {'my.mirror': {retry: 'often'}}}), kind: 'key', at: 'remotes["my.mirror"].retry'},
	{name: 'vpn as a list', text: json({vpn: []}), kind: 'key', at: 'vpn'},
	{name: 'a zero vpn timeout', text: json({vpn: {corporate: {connect_cmd: 'true', timeout: 0}}}), kind: 'key', at: 'vpn.corporate.timeout'},
	{name: 'a numeric vpn command', text: json({vpn: {corporate: {check_cmd: 1}}}), kind: 'key', at: 'vpn.corporate.check_cmd'},
	{name: 'a remote vpn that is a number', text: json({remotes: {origin: {vpn: 5}}}), kind: 'key', at: 'remotes.origin.vpn'},
	{
		name: 'an inline vpn with a string auto_connect',
		text: json({remotes: {origin: {vpn: {connect_cmd: 'true', auto_connect: 'yes'}}}}),
		kind: 'key',
		at: 'remotes.origin.vpn.auto_connect',
	},
	{
		name: 'a vpn name no entry defines',
		text: json({remotes: {internal: {url: 'git@internal:x.git', vpn: 'corp'}}, vpn: {corporate: {connect_cmd: 'true'}}}),
		kind: 'key',
		at: 'remotes.internal.vpn',
	},
	{name: 'a vpn name with no vpn section', text: json({remotes: {origin: {vpn: 'corporate'}}}), kind: 'key', at: 'remotes.origin.vpn'},
	{
		name: 'a url that would be a git option',
		text: json({remotes: {backup: {url: '--upload-pack=touch /tmp/pwned'}}}),
		kind: 'key',
		at: 'remotes.backup.url',
	},
];
