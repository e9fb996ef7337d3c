import {Text} from 'ink';
import Spinner from 'ink-spinner';
import type {Activity} from '../../core/snapshot.js';
import {formatBytes, formatRate, progressBar} from '../format.js';

/**
 * "⠋ writing ████████░░░░ 62% 1.2 MiB/s": what one remote is doing right now. The bar shows
 * only when git reports a percentage; the rate only when it reports one.
 */
export function ActivityCell({activity, barWidth}: {activity: Activity; barWidth: number}) {
	const {progress} = activity;
	const phase = progress?.phase ?? activity.kind;
	const percent = progress?.percent;
	const parts: string[] = [];
	if (percent !== undefined && barWidth > 0) parts.push(progressBar(percent, barWidth));
	if (percent !== undefined) parts.push(`${Math.round(percent)}%`);
	if (progress?.bytesPerSecond !== undefined) parts.push(formatRate(progress.bytesPerSecond));
	else if (progress?.bytes !== undefined) parts.push(formatBytes(progress.bytes));

	return (
		<Text wrap="truncate-end">
			<Text color="cyan">
				<Spinner type="dots" />
			</Text>
			<Text>{` ${phase}`}</Text>
			{parts.length > 0 ? <Text color="cyan">{` ${parts.join(' ')}`}</Text> : null}
		</Text>
	);
}
