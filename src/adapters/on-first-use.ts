/**
 * A module imported the first time it is needed, then kept. The providers' SDKs and the label
 * drawing libraries are about 16 MB of heap (20 MB of RSS) that a server using none of them (the
 * demo, the simulated providers) never needs; a static import would load them at start.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}
