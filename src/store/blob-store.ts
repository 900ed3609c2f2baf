// The BlobStore port: immutable byte blobs under random ids. A blob becomes visible to
// readers only when its id is committed in a metadata transaction; until then it is
// an orphan that a sweep may delete.

export interface BlobStore {
  /** Stores bytes durably (fsync) and returns a new random id. */
  put(bytes: Uint8Array): Promise<string>;
  /** Reads a blob; throws NimbusError BLOB_NOT_FOUND when absent. */
  get(id: string): Promise<Buffer>;
  has(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
  /** Deletes blobs whose ids are not in `keep` (crash leftovers); returns how many. */
  sweep(keep: ReadonlySet<string>): Promise<number>;
}
