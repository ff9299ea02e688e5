/**
 * Deterministic JSON: {@link dev.runstore.core.json.CanonicalJson} writes byte-for-byte what
 * Python's {@code json.dumps(..., ensure_ascii=False, separators=(",", ":"), sort_keys=True)}
 * writes, {@link dev.runstore.core.json.JsonText} is the value type of JSON TEXT columns, and
 * {@link dev.runstore.core.json.CanonicalJsonPlugin} binds it through Jdbi.
 */
package dev.runstore.core.json;
