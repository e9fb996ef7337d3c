import {describe, expect, it} from 'vitest';
import {runBounded} from '../../../source/core/status/run-parallel.js';

function gate<T = void>() {
	let open!: (value: T) => void;
	const promise = new Promise<T>(resolve => (open = resolve));
	return {promise, open};
}

describe('bounded parallel work (one remote never blocks the rest)', () => {
	it('returns results in input order whatever order they finish in', async () => {
		const gates = [gate(), gate(), gate()];
		const running = runBounded(['a', 'b', 'c'], 3, async (item, index) => {
			await gates[index]!.promise;
			return item.toUpperCase();
		});
		gates[2]!.open();
		gates[1]!.open();
		gates[0]!.open();
		expect(await running).toEqual([
			{status: 'fulfilled', value: 'A'},
			{status: 'fulfilled', value: 'B'},
			{status: 'fulfilled', value: 'C'},
		]);
	});

	it('runs at most `limit` at once', async () => {
		let active = 0;
		let peak = 0;
		const gates = Array.from({length: 6}, () => gate());
		const running = runBounded(gates, 2, async item => {
			active++;
			peak = Math.max(peak, active);
			await item.promise;
			active--;
		});
		for (const item of gates) {
			item.open();
			await Promise.resolve();
		}

		await running;
		expect(peak).toBe(2);
	});

	it('turns one failure into its own result and finishes the others', async () => {
		const results = await runBounded([1, 2, 3], 1, async n => {
			if (n === 1) throw new Error('remote one is down');
			return n * 10;
		});
		expect(results[0]).toMatchObject({status: 'rejected', reason: new Error('remote one is down')});
		expect(results.slice(1)).toEqual([
			{status: 'fulfilled', value: 20},
			{status: 'fulfilled', value: 30},
		]);
	});

	it('treats a limit below 1 as 1 instead of hanging', async () => {
		const results = await runBounded(['x'], 0, async item => item);
		expect(results).toEqual([{status: 'fulfilled', value: 'x'}]);
	});
});
