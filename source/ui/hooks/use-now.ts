import {useEffect, useState} from 'react';

/**
 * The current time for "status 12s ago": read at every render (so new data is aged correctly at
 * once), and a re-render at least every `intervalMs` so the age keeps counting when idle.
 */
export function useNow(intervalMs = 1000): number {
	const [, setTick] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return Date.now();
}
