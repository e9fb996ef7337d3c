import pLimit from 'p-limit';

/**
 * Runs `work` for every item with at most `limit` at once; results keep input order. `work`
 * must not throw (operations turn failures into results), but if it does, the error is
 * returned through `onError` so one bug never hides the other remotes' results.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, onError: (item: T, error: unknown) => R): Promise<R[]> {
	const gate = pLimit(Math.max(1, limit));
	return Promise.all(
		items.map(item =>
			gate(async () => {
				try {
					return await work(item);
				} catch (error) {
					return onError(item, error);
				}
			}),
		),
	);
}
