import {Box, Text} from 'ink';
import type {VpnState, VpnStateKind} from '../../core/model.js';
import type {SyncSnapshot} from '../../core/snapshot.js';
import {formatAge, shortSha, printableLine, truncate, type Tone} from '../format.js';

const vpnTones: Record<VpnStateKind, Tone> = {
	up: 'green',
	'up-ours': 'green',
	connecting: 'yellow',
	disconnecting: 'yellow',
	down: undefined,
	failed: 'red',
	untrusted: 'red',
};

export function VpnBadge({vpn}: {vpn: VpnState}) {
	const tone = vpnTones[vpn.state];
	const label = vpn.state === 'up-ours' ? 'up (ours)' : vpn.state;
	return (
		<Text color={tone} dimColor={tone === undefined}>
			{printableLine(vpn.name)}:{label}
		</Text>
	);
}

type HeaderProps = {
	snapshot: SyncSnapshot;
	now: number;
	width: number;
};

/**
 * One line: what mode (DRY-RUN first: it must never be cut off), where we are (repo, branch,
 * sha), VPNs, and how old the data is. Long names are shortened on narrow terminals.
 */
export function Header({snapshot, now, width}: HeaderProps) {
	const {repo, dryRun, vpns, statusAt, running, queue, refreshing, refreshedAt} = snapshot;
	const age = statusAt === undefined ? 'status pending' : `status ${formatAge(now - statusAt)}`;
	const refreshed = refreshing ? '  refreshing…' : refreshedAt === undefined ? '' : `  refreshed ${formatAge(now - refreshedAt)}`;
	const narrow = width < 120;
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{dryRun ? (
					<Text bold color="yellow">
						{'[DRY-RUN] '}
					</Text>
				) : null}
				<Text bold>{narrow ? truncate(printableLine(repo.name), 20) : printableLine(repo.name)}</Text>
				<Text dimColor> on </Text>
				<Text bold color="cyan">
					{narrow ? truncate(printableLine(repo.branch), 24) : printableLine(repo.branch)}
				</Text>
				<Text dimColor> @ </Text>
				<Text>{shortSha(repo.localSha)}</Text>
				{vpns.map((vpn) => (
					<Text key={vpn.name}>
						<Text dimColor>{'  vpn '}</Text>
						<VpnBadge vpn={vpn} />
					</Text>
				))}
				<Text dimColor>{`  ${age}${refreshed}`}</Text>
				{running > 0 ? <Text color="cyan">{`  ${running} running`}</Text> : null}
				{queue.length > 0 ? <Text color="yellow">{`  ${queue.length} queued`}</Text> : null}
			</Text>
		</Box>
	);
}
