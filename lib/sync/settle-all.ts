/**
 * Wait until every promise has settled, then throw the first failure, if any: a read that fails does not end a run
 * while a sibling still writes (the run closes, and gives its lease back, only after the last write). `failed` hears
 * of the first failure when it happens (the sync judges a full disk then). Once this resolves, every promise is
 * fulfilled and can be awaited for its value.
 */
export async function settleAll(promises: ReadonlyArray<Promise<unknown>>, failed?: (error: unknown) => void): Promise<void> {
  let first: { error: unknown } | undefined;
  await Promise.allSettled(
    promises.map((promise) =>
      promise.catch((error: unknown) => {
        if (first) return;
        first = { error };
        failed?.(error);
      }),
    ),
  );
  if (first) throw first.error;
}
