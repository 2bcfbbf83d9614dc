/**
 * RFC 6902 JSON Patch (`application/json-patch+json`) with RFC 6901 pointers.
 * Operations apply to a private copy, so a failing patch leaves no trace.
 */
import { cloneJson, hasOwn, isJsonObject, jsonEqual, setOwn } from './json-value';

export type JsonPatchOperation =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: unknown };

export type JsonPatchOp = JsonPatchOperation['op'];

const KNOWN_OPS: readonly JsonPatchOp[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

export class JsonPatchError extends Error {
  /** Index of the failing operation, or undefined when the patch document itself is malformed. */
  readonly operationIndex: number | undefined;
  readonly path: string | undefined;

  constructor(message: string, operationIndex?: number, path?: string) {
    super(message);
    this.name = 'JsonPatchError';
    this.operationIndex = operationIndex;
    this.path = path;
  }
}

// --- pointers ------------------------------------------------------------------

/** RFC 6901: `/a~1b/c~0d` → ['a/b', 'c~d']. Returns undefined for malformed pointers. */
export function parseJsonPointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/');
  if (tokens.some((token) => /~(?![01])/.test(token))) return undefined;
  // ~1 first, so that "~01" becomes "~1" and not "/".
  return tokens.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatJsonPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** RFC 6901 array indices: no sign, no leading zeros. */
function parseArrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

// --- validation ----------------------------------------------------------------

function describe(index: number, op: unknown, path: unknown): string {
  const opText = typeof op === 'string' ? op : '?';
  const pathText = typeof path === 'string' ? path : '?';
  return `operation ${index} (${opText} ${JSON.stringify(pathText)})`;
}

function validateOperation(raw: unknown, index: number): JsonPatchOperation {
  if (!isJsonObject(raw)) throw new JsonPatchError(`operation ${index} is not an object`, index);
  const { op, path } = raw;
  if (typeof op !== 'string') throw new JsonPatchError(`operation ${index} is missing "op"`, index);
  if (!(KNOWN_OPS as readonly string[]).includes(op)) {
    throw new JsonPatchError(
      `operation ${index} has unsupported op ${JSON.stringify(op)} (expected one of ${KNOWN_OPS.join(', ')})`,
      index,
    );
  }
  if (typeof path !== 'string') throw new JsonPatchError(`${describe(index, op, path)}: missing "path"`, index);
  if (parseJsonPointer(path) === undefined) {
    throw new JsonPatchError(`${describe(index, op, path)}: "path" is not a valid JSON pointer`, index, path);
  }
  if ((op === 'add' || op === 'replace' || op === 'test') && !hasOwn(raw, 'value')) {
    throw new JsonPatchError(`${describe(index, op, path)}: missing "value"`, index, path);
  }
  if (op === 'move' || op === 'copy') {
    const { from } = raw;
    if (typeof from !== 'string') throw new JsonPatchError(`${describe(index, op, path)}: missing "from"`, index, path);
    if (parseJsonPointer(from) === undefined) {
      throw new JsonPatchError(`${describe(index, op, path)}: "from" is not a valid JSON pointer`, index, path);
    }
    return { op, from, path };
  }
  if (op === 'remove') return { op, path };
  return { op: op as 'add' | 'replace' | 'test', path, value: raw.value };
}

/** Checks the shape of a patch document; throws JsonPatchError naming the bad operation. */
export function validateJsonPatch(operations: unknown): JsonPatchOperation[] {
  if (!Array.isArray(operations)) throw new JsonPatchError('a JSON patch must be an array of operations');
  return operations.map(validateOperation);
}

// --- application -----------------------------------------------------------------

/** Thrown inside one operation; applyJsonPatch adds which operation it was. */
class PatchProblem extends Error {}

interface Location {
  parent: unknown;
  token: string;
}

/** Walks to the parent of the pointer's last token; every step on the way must exist. */
function locate(document: unknown, tokens: readonly string[]): Location {
  let current = document;
  for (let i = 0; i < tokens.length - 1; i++) {
    current = child(current, tokens[i] ?? '', formatJsonPointer(tokens.slice(0, i + 1)));
  }
  return { parent: current, token: tokens[tokens.length - 1] ?? '' };
}

function child(container: unknown, token: string, pointer: string): unknown {
  if (Array.isArray(container)) {
    const index = parseArrayIndex(token);
    if (index === undefined || index >= container.length) throw new PatchProblem(`${pointer} does not exist`);
    return container[index];
  }
  if (isJsonObject(container) && hasOwn(container, token)) return container[token];
  throw new PatchProblem(`${pointer} does not exist`);
}

function getValue(document: unknown, pointer: string): unknown {
  const tokens = parseJsonPointer(pointer) ?? [];
  return tokens.reduce<unknown>(
    (current, token, i) => child(current, token, formatJsonPointer(tokens.slice(0, i + 1))),
    document,
  );
}

/** Returns the new document (only differs from `document` when the root is replaced). */
function addValue(document: unknown, pointer: string, value: unknown): unknown {
  const tokens = parseJsonPointer(pointer) ?? [];
  if (tokens.length === 0) return value;
  const { parent, token } = locate(document, tokens);
  if (Array.isArray(parent)) {
    const index = token === '-' ? parent.length : parseArrayIndex(token);
    if (index === undefined) throw new PatchProblem(`${JSON.stringify(token)} is not a valid array index`);
    if (index > parent.length) throw new PatchProblem(`index ${index} is out of bounds (array length ${parent.length})`);
    parent.splice(index, 0, value);
  } else if (isJsonObject(parent)) {
    setOwn(parent, token, value);
  } else {
    throw new PatchProblem('the parent of the target is not an object or array');
  }
  return document;
}

/** Removes the target and returns the removed value. */
function removeValue(document: unknown, pointer: string): unknown {
  const tokens = parseJsonPointer(pointer) ?? [];
  if (tokens.length === 0) throw new PatchProblem('the document root cannot be removed');
  const { parent, token } = locate(document, tokens);
  const removed = child(parent, token, pointer);
  if (Array.isArray(parent)) parent.splice(Number(token), 1);
  else if (isJsonObject(parent)) delete parent[token];
  return removed;
}

function replaceValue(document: unknown, pointer: string, value: unknown): unknown {
  const tokens = parseJsonPointer(pointer) ?? [];
  if (tokens.length === 0) return value;
  const { parent, token } = locate(document, tokens);
  child(parent, token, pointer); // must already exist
  if (Array.isArray(parent)) parent[Number(token)] = value;
  else if (isJsonObject(parent)) setOwn(parent, token, value);
  return document;
}

function applyOperation(document: unknown, operation: JsonPatchOperation): unknown {
  switch (operation.op) {
    case 'add':
      return addValue(document, operation.path, cloneJson(operation.value));
    case 'remove':
      removeValue(document, operation.path);
      return document;
    case 'replace':
      return replaceValue(document, operation.path, cloneJson(operation.value));
    case 'move': {
      if (operation.from === operation.path) {
        getValue(document, operation.from);
        return document;
      }
      if (operation.path.startsWith(`${operation.from}/`)) {
        throw new PatchProblem(`cannot move ${operation.from} into one of its own children`);
      }
      const moved = removeValue(document, operation.from);
      return addValue(document, operation.path, moved);
    }
    case 'copy':
      return addValue(document, operation.path, cloneJson(getValue(document, operation.from)));
    case 'test': {
      const actual = getValue(document, operation.path);
      if (!jsonEqual(actual, operation.value)) {
        throw new PatchProblem(`test failed: value is ${JSON.stringify(actual)}, expected ${JSON.stringify(operation.value)}`);
      }
      return document;
    }
  }
}

/**
 * Applies `operations` to a copy of `document` and returns the result.
 * Throws JsonPatchError (message names the operation index and path) when
 * the patch is malformed or an operation cannot be applied.
 */
export function applyJsonPatch(document: unknown, operations: unknown): unknown {
  const validated = validateJsonPatch(operations);
  let result = cloneJson(document);
  validated.forEach((operation, index) => {
    try {
      result = applyOperation(result, operation);
    } catch (error) {
      if (!(error instanceof PatchProblem)) throw error;
      throw new JsonPatchError(`${describe(index, operation.op, operation.path)}: ${error.message}`, index, operation.path);
    }
  });
  return result;
}
