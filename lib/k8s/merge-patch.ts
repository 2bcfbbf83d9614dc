/**
 * RFC 7386 JSON Merge Patch (`application/merge-patch+json`).
 * Objects merge key by key, `null` deletes a key, anything else (arrays
 * included) replaces the target wholesale.
 */
import { cloneJson, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value';

/** Returns the patched value; neither `target` nor `patch` is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = {};
  // A non-object target is discarded, per the RFC.
  if (isJsonObject(target)) {
    for (const key of Object.keys(target)) setOwn(result, key, cloneJson(target[key]));
  }
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      delete result[key];
    } else {
      setOwn(result, key, applyMergePatch(hasOwn(result, key) ? result[key] : undefined, value));
    }
  }
  return result;
}
