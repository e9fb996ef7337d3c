import {parseBoolean} from '../core/config/env.js';

/**
 * A CI job: `CI` is set (GitHub Actions, GitLab CI and most runners set CI=true) and stdout is
 * not a terminal. Then text output adds calm progress lines, and the offline queue defaults
 * to off so a failed mirror fails the job (docs/ci.md). `CI=false` or `CI=0` is not CI.
 */
export function runsInCi(io: {env: NodeJS.ProcessEnv; stdout: {isTTY?: boolean}}): boolean {
	const value = io.env.CI;
	if (value === undefined || value.trim() === '' || parseBoolean(value) === false) return false;
	return io.stdout.isTTY !== true;
}
