/** The keys of T whose values are functions returning a promise. */
type AsyncMethod<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * The named async methods of the object `build` makes, built the first time one of them is called, not
 * before: a Lambda's cold start then loads and configures only what its first request uses (an AWS SDK
 * client and its module, behind `import()`), and later calls reuse what was built. A build that fails
 * fails that call (the dependency is broken: the caller fails closed) and is tried again on the next.
 * Two calls before the build ends share the one build.
 */
export function onFirstCall<T, K extends AsyncMethod<T>>(build: () => Promise<T>, methods: readonly K[]): Pick<T, K> {
  let built: Promise<T> | undefined;
  const instance = () =>
    (built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    }));
  const deferred =
    (name: K) =>
    async (...args: unknown[]) => {
      const target = await instance();
      return (target[name] as (...args: unknown[]) => unknown).apply(target, args);
    };
  return Object.fromEntries(methods.map((name) => [name, deferred(name)])) as Pick<T, K>;
}
