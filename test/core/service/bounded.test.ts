import {describe, expect, it} from 'vitest';
import {mapBounded} from '../../../source/core/service/bounded.js';

const asError = (_item: unknown, error: unknown) => `failed: ${(error as Error).message}`;

function gate<T = void>() {
	let open!: (value: T) => void;
	const promise = new Promise<T>(resolve => (open = resolve));
	return {promise, open};
}

describe('bounded parallel work (one remote never blocks the rest)', () => {
	it('returns results in input order whatever order they finish in', async () => {
		const gates = [gate(), gate(), gate()];
		const running = mapBounded(['a', 'b', 'c'], 3, async item => {
			await gates['abc'.indexOf(item)]!.promise;
			return item.toUpperCase();
		}, asError);
		gates[2]!.open();
		gates[1]!.open();
		gates[0]!.open();
		expect(await running).toEqual(['A', 'B', 'C']);
	});

	it('runs at most `limit` at once', async () => {
		let active = 0;
		let peak = 0;
		const gates = Array.from({length: 6}, () => gate());
		const running = mapBounded(gates, 2, async item => {
			active++;
			peak = Math.max(peak, active);
			await item.promise;
			active--;
		}, () => undefined);
		for (const item of gates) {
			item.open();
			await Promise.resolve();
		}

		await running;
		expect(peak).toBe(2);
	});

	it('turns one failure into its own result and finishes the others', async () => {
		const results = await mapBounded([1, 2, 3], 1, async (n): Promise<number | string> => {
			if (n === 1) throw new Error('remote one is down');
			return n * 10;
		}, asError);
		expect(results).toEqual(['failed: remote one is down', 20, 30]);
	});

	it('treats a limit below 1 as 1 instead of hanging', async () => {
		const results = await mapBounded(['x'], 0, async item => item, asError);
		expect(results).toEqual(['x']);
	});
});
