export {QueueStore, type ClearFilter, type EnqueueItem, type QueueStoreOptions} from './queue-store.js';
export {QueueError, QueueLockTimeoutError, QueueReadError, QueueWriteError} from './errors.js';
export {classifyQueuedSha, branchTip, type QueuedShaClass, type QueuedShaKind} from './queued-sha.js';
export {processQueue, type ProcessQueueOptions} from './process-queue.js';
export type {QueueKey} from './coalesce.js';
export type {LegacyImportReport} from './legacy-import.js';
