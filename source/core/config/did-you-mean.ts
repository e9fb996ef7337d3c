/**
 * "did you mean" for unknown config keys and names. Damerau (optimal string alignment)
 * distance, so the usual typos — a missing, extra, changed or swapped letter — count as one.
 */

export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
			d[i]![j] = best;
		}
	}

	return d[a.length]![b.length]!;
}

// Case and separators are the commonest slips (maxWorkers, force-push): compare without them.
function normalize(word: string): string {
	return word.toLowerCase().replace(/[-_\s]/g, '');
}

/** The closest candidate, if it is close enough to be the likely intent. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
	const wanted = normalize(word);
	const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 3)));
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		const distance = editDistance(wanted, normalize(candidate));
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}

	return bestDistance <= limit ? best : undefined;
}

/** `did you mean "x"?`, or an empty string when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
	const match = suggest(word, candidates);
	return match === undefined ? '' : `did you mean "${match}"?`;
}
