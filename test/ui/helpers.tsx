import {EventEmitter} from 'node:events';
import type {ReactElement} from 'react';
import {render as inkRender} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach} from 'vitest';
import {App} from '../../source/ui/app.js';
import type {TerminalSize} from '../../source/ui/hooks/use-terminal-size.js';
import type {StaticService} from './fixtures/static-service.js';

/**
 * Render helpers that wait for content instead of sleeping (the Shopify cli-kit idiom): every
 * assertion about a frame first waits, with a deadline, for the frame to say what it should.
 */

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
	space: ' ',
} as const;

// CSI sequences and the OSC/two-byte forms ink and chalk may emit.
const ansiPattern = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
	return text.replace(ansiPattern, '');
}

export async function waitFor(condition: () => boolean, describe: () => string = () => '', timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms\n${describe()}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export type Rendered = {
	frame(): string;
	frames(): string[];
	press(input: string): void;
	waitForFrame(expected: string | ((frame: string) => boolean)): Promise<string>;
	unmount(): void;
	stdout: {emit(event: string): boolean};
};

function wrap(lastFrame: () => string | undefined, frames: () => string[], write: (data: string) => void, unmount: () => void, stdout: Rendered['stdout']): Rendered {
	const frame = (): string => stripAnsi(lastFrame() ?? '');
	return {
		frame,
		frames: () => frames().map(stripAnsi),
		press: write,
		async waitForFrame(expected) {
			const test = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
			await waitFor(() => test(frame()), () => `expected ${typeof expected === 'string' ? JSON.stringify(expected) : 'condition'} in frame:\n${frame()}`);
			// A frame is written at commit; components' key listeners attach in effects just after.
			// Yield one macrotask so keys pressed next reach what is on screen.
			await new Promise((resolve) => setTimeout(resolve, 0));
			return frame();
		},
		unmount,
		stdout,
	};
}

const mounted: Array<() => void> = [];
afterEach(() => {
	cleanup();
	while (mounted.length > 0) mounted.pop()!();
});

/** The dashboard in ink-testing-library (100 columns); `size` pins the layout size. */
export async function renderApp(service: StaticService, options: {size?: TerminalSize; throttleMs?: number; onExit?: () => void} = {}): Promise<Rendered> {
	const instance = render(<App service={service} size={options.size ?? {columns: 100, rows: 30}} throttleMs={options.throttleMs ?? 0} onExit={options.onExit ?? (() => {})} />);
	const rendered = wrap(instance.lastFrame, () => instance.frames, instance.stdin.write, instance.unmount, instance.stdout);
	// Input written before the first frame can be lost: wait for the dashboard to be up.
	await rendered.waitForFrame(service.getSnapshot().repo.name);
	return rendered;
}

export class SizedStdout extends EventEmitter {
	readonly frames: string[] = [];
	isTTY = false;
	constructor(public columns: number, public rows: number) {
		super();
	}

	write = (chunk: string): boolean => {
		this.frames.push(chunk);
		return true;
	};
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string): void => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};
	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

/**
 * Like ink-testing-library's render, but on a stdout of a chosen size (it is fixed at 100
 * columns there), so layouts at 80×24 and 200×60 are laid out by ink itself, and resizes work.
 */
export function renderSized(tree: ReactElement, size: TerminalSize): Rendered & {resize(size: TerminalSize): void} {
	const stdout = new SizedStdout(size.columns, size.rows);
	const stdin = new FakeStdin();
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: new SizedStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	mounted.push(() => {
		instance.unmount();
		instance.cleanup();
	});
	const rendered = wrap(() => stdout.frames.at(-1), () => stdout.frames, stdin.write, instance.unmount, stdout);
	return {
		...rendered,
		resize(next) {
			stdout.columns = next.columns;
			stdout.rows = next.rows;
			stdout.emit('resize');
		},
	};
}
