// Ordering helpers without DOM: an in-process serial queue and a cross-tab exclusive lock
// (Web Locks where the runtime has them, else an in-process queue per name, as in Node).

/** A function that runs each task after the previous one has settled (in call order); a failure does not stop the queue. */
export type Serial = <T>(task: () => T | Promise<T>) => Promise<T>;

/** Make a serial queue: `const run = serial(); await run(() => step())`. */
export function serial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}

const localQueues = new Map<string, Serial>();

/**
 * Run `task` holding the exclusive Web Lock `name` (across tabs and workers of the origin); where
 * Web Locks are missing, an in-process queue per name gives the same order within this runtime.
 */
export function withLock<T>(name: string, task: () => T | Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request(name, { mode: 'exclusive' }, () => task()) as Promise<T>;
  let queue = localQueues.get(name);
  if (!queue) localQueues.set(name, (queue = serial()));
  return queue(task);
}
