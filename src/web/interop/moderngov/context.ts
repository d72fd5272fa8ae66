import type { Viewer } from "../../../domain/viewer.js";
import type { Store } from "../../../store/open.js";

/** What every ModernGov operation reads: the store, whose data, who asks, and the base URL links use. */
export interface ServiceContext {
  store: Store;
  authorityId: string;
  viewer: Viewer;
  /** The install root clients called (origin, no trailing slash); ModernGov links are built on it. */
  base: string;
  today: string;
}
