// The editor's refusals read like every other route's: the one rule lives in the domain.
export { plainMessage } from "../../domain/plain-message.js";
