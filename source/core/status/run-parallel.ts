import pLimit from 'p-limit';

/**
 * Runs `fn` over `items` with at most `limit` at once. Results come back in input order,
 * shaped like Promise.allSettled: one rejection becomes its own result and never stops,
 * delays or hides the others (SPEC §4: one dead remote never blocks the rest).
 */
export async function runBounded<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
	const gate = pLimit(Math.max(1, Math.floor(limit) || 1));
	return Promise.allSettled(items.map(async (item, index) => gate(async () => fn(item, index))));
}
