/** Resolves when the process is asked to stop (Ctrl-C, or SIGTERM from a service manager), so a long-running command can close what it opened. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
