// Worker-thread entry for a checkout running from its TypeScript sources (no dist/ build):
// registers tsx's loader in this thread, then hands the pool the task module named in
// workerData. Built installs load the compiled task module directly.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const task = await import(workerData.tsTask);
export default task.default;
