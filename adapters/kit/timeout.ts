/**
 * Waits for `work`, but no longer than `ms`: then settles with what `onTimeout` returns (or rejects with
 * what it throws). The timer is always cleared, so it never keeps the process alive.
 */
export async function withTimeout<T, U = T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => U,
): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<U>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
