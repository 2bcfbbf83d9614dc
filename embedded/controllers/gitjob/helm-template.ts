/**
 * A small subset of Go templates (as Helm uses them), enough to find out *which objects* a chart
 * deploys without a Helm binary. This is a deliberate simplification, not Helm:
 *
 * - Supported: text, `{{- -}}` trimming, comments, `if/else if/else`, `with`, `range` (with
 *   `$k, $v :=`), `define`/`include`/`template`, variables (`$x := …`, `$x = …`), `.Values`,
 *   `.Release`, `.Chart`, parenthesised pipelines and the common functions (default, quote,
 *   toYaml, nindent, indent, printf, trunc, trimSuffix, eq/ne/and/or/not, contains, …).
 * - Anything else (unknown functions, `.Capabilities`, `.Files`, `lookup`, sprig's long tail)
 *   evaluates to nothing instead of failing; a template that then does not parse as YAML is
 *   skipped by the caller.
 */
import YAML from 'yaml';

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

// =================================================================================================
// Lexing actions
// =================================================================================================

type Term =
  | { kind: 'literal'; value: unknown }
  | { kind: 'field'; path: string[] } // `.a.b` (empty path = `.`)
  | { kind: 'variable'; name: string; path: string[] } // `$x.a`, `$` = name ''
  | { kind: 'ident'; name: string }
  | { kind: 'sub'; pipeline: Pipeline; path: string[] };

type Command = Term[];

interface Pipeline {
  declare?: { names: string[]; assign: boolean };
  commands: Command[];
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'action'; pipeline: Pipeline }
  | { type: 'if'; branches: { condition: Pipeline | null; body: Node[] }[] }
  | { type: 'with'; pipeline: Pipeline; body: Node[]; otherwise: Node[] }
  | { type: 'range'; pipeline: Pipeline; body: Node[]; otherwise: Node[] }
  | { type: 'template'; name: string; pipeline?: Pipeline };

function splitPath(text: string): string[] {
  return text.split('.').filter((part) => part !== '');
}

/** Splits the inside of `{{ … }}` into raw tokens (strings, parens and words kept whole). */
function tokenize(source: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      tokens.push(source.slice(i, j + 1));
      i = j + 1;
    } else if (char === '`') {
      const j = source.indexOf('`', i + 1);
      const end = j < 0 ? source.length : j;
      tokens.push(source.slice(i, end + 1));
      i = end + 1;
    } else if (char === '(' || char === ')' || char === '|' || char === ',') {
      // `)` may be followed by `.field`
      if (char === ')') {
        const match = /^\)((?:\.[A-Za-z0-9_]+)*)/.exec(source.slice(i));
        tokens.push(match![0]);
        i += match![0].length;
      } else {
        tokens.push(char);
        i++;
      }
    } else if (source.startsWith(':=', i) || (char === '=' && source[i + 1] !== '=')) {
      const op = source.startsWith(':=', i) ? ':=' : '=';
      tokens.push(op);
      i += op.length;
    } else {
      let j = i;
      while (j < source.length && !/[\s()|,]/.test(source[j]!) && !source.startsWith(':=', j)) j++;
      tokens.push(source.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function parseTerm(token: string): Term {
  if (token.startsWith('"')) {
    try {
      return { kind: 'literal', value: JSON.parse(token) as string };
    } catch {
      return { kind: 'literal', value: token.slice(1, -1) };
    }
  }
  if (token.startsWith('`')) return { kind: 'literal', value: token.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(token)) return { kind: 'literal', value: Number(token) };
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
  if (token === 'nil') return { kind: 'literal', value: null };
  if (token.startsWith('.')) return { kind: 'field', path: splitPath(token) };
  if (token.startsWith('$')) {
    const [name, ...rest] = token.slice(1).split('.');
    return { kind: 'variable', name: name ?? '', path: rest.filter((p) => p !== '') };
  }
  return { kind: 'ident', name: token };
}

function parsePipeline(tokens: string[]): Pipeline {
  let position = 0;
  const pipeline: Pipeline = { commands: [] };
  // `$a := …`, `$a, $b := …`
  const assignAt = tokens.findIndex((token) => token === ':=' || token === '=');
  if (assignAt > 0 && tokens.slice(0, assignAt).every((token) => token.startsWith('$') || token === ',')) {
    pipeline.declare = {
      names: tokens.slice(0, assignAt).filter((token) => token !== ',').map((token) => token.slice(1)),
      assign: tokens[assignAt] === '=',
    };
    position = assignAt + 1;
  }
  const parseUntil = (stop: (token: string) => boolean): Command[] => {
    const commands: Command[] = [];
    let command: Command = [];
    while (position < tokens.length && !stop(tokens[position]!)) {
      const token = tokens[position++]!;
      if (token === '|') {
        commands.push(command);
        command = [];
      } else if (token === '(') {
        const inner = parseUntil((t) => t.startsWith(')'));
        const close = tokens[position++] ?? ')';
        command.push({ kind: 'sub', pipeline: { commands: inner }, path: splitPath(close.slice(1)) });
      } else {
        command.push(parseTerm(token));
      }
    }
    commands.push(command);
    return commands.filter((c) => c.length > 0);
  };
  pipeline.commands = parseUntil(() => false);
  return pipeline;
}

// =================================================================================================
// Parsing templates
// =================================================================================================

interface RawToken {
  kind: 'text' | 'action';
  text: string;
}

function lex(template: string): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      out.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    let text = template.slice(i, open);
    let start = open + 2;
    if (template[start] === '-' && /\s/.test(template[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    out.push({ kind: 'text', text });
    const comment = template.startsWith('/*', template.slice(start).search(/\S/) + start) ? template.indexOf('*/', start) : -1;
    const close = template.indexOf('}}', comment >= 0 ? comment : start);
    if (close < 0) throw new TemplateError('unclosed action');
    let end = close;
    let trimAfter = false;
    if (template[close - 1] === '-' && /\s/.test(template[close - 2] ?? '')) {
      end = close - 1;
      trimAfter = true;
    }
    out.push({ kind: 'action', text: template.slice(start, end).trim() });
    i = close + 2;
    if (trimAfter) {
      const rest = template.slice(i);
      i += rest.length - rest.replace(/^\s+/, '').length;
    }
  }
  return out;
}

interface ParseResult {
  nodes: Node[];
  defines: Map<string, Node[]>;
}

/** Parses a template; `define` blocks are collected into `defines`. */
export function parseTemplate(template: string, defines = new Map<string, Node[]>()): ParseResult {
  const tokens = lex(template);
  let position = 0;

  const parseList = (terminators: readonly string[]): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (position < tokens.length) {
      const token = tokens[position++]!;
      if (token.kind === 'text') {
        if (token.text !== '') nodes.push({ type: 'text', text: token.text });
        continue;
      }
      const action = token.text;
      if (action.startsWith('/*')) continue;
      const [keyword = '', ...restWords] = action.split(/\s+/);
      const rest = action.slice(keyword.length).trim();
      if (terminators.includes(keyword)) return { nodes, end: action };
      switch (keyword) {
        case 'if': {
          const branches: { condition: Pipeline | null; body: Node[] }[] = [];
          let condition: Pipeline | null = parsePipeline(tokenize(rest));
          for (;;) {
            const { nodes: body, end } = parseList(['else', 'end']);
            branches.push({ condition, body });
            if (end.startsWith('else')) {
              const tail = end.slice(4).trim();
              condition = tail.startsWith('if') ? parsePipeline(tokenize(tail.slice(2).trim())) : null;
              if (condition === null) {
                const { nodes: elseBody } = parseList(['end']);
                branches.push({ condition: null, body: elseBody });
                break;
              }
            } else break;
          }
          nodes.push({ type: 'if', branches });
          break;
        }
        case 'with':
        case 'range': {
          const pipeline = parsePipeline(tokenize(rest));
          const { nodes: body, end } = parseList(['else', 'end']);
          const otherwise = end.startsWith('else') ? parseList(['end']).nodes : [];
          nodes.push({ type: keyword, pipeline, body, otherwise });
          break;
        }
        case 'define':
        case 'block': {
          const words = tokenize(rest);
          const name = parseTerm(words[0] ?? '""');
          const { nodes: body } = parseList(['end']);
          const defineName = name.kind === 'literal' ? String(name.value) : '';
          defines.set(defineName, body);
          if (keyword === 'block') nodes.push({ type: 'template', name: defineName, pipeline: parsePipeline(words.slice(1)) });
          break;
        }
        case 'template': {
          const words = tokenize(rest);
          const name = parseTerm(words[0] ?? '""');
          nodes.push({ type: 'template', name: name.kind === 'literal' ? String(name.value) : '', pipeline: words.length > 1 ? parsePipeline(words.slice(1)) : undefined });
          break;
        }
        case 'end':
        case 'else':
          // Stray terminator: ignore.
          void restWords;
          break;
        default:
          nodes.push({ type: 'action', pipeline: parsePipeline(tokenize(action)) });
      }
    }
    return { nodes, end: '' };
  };

  return { nodes: parseList([]).nodes, defines };
}

// =================================================================================================
// Evaluation
// =================================================================================================

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go template truthiness. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap(value)) return Object.keys(value).length > 0;
  return true;
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isMap(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(toText).join(' ')}]`;
  if (isMap(value)) return `map[${Object.keys(value).sort().map((k) => `${k}:${toText(value[k])}`).join(' ')}]`;
  return String(value);
}

function toYaml(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return YAML.stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function indent(spaces: unknown, text: unknown): string {
  const pad = ' '.repeat(Number(spaces) || 0);
  return toText(text)
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

function printf(format: unknown, ...args: unknown[]): string {
  let index = 0;
  return toText(format).replace(/%([-+# 0]*\d*(?:\.\d+)?)([sdvqtfx%])/g, (_match, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[index++];
    if (verb === 'q') return JSON.stringify(toText(arg));
    if (verb === 'd') return String(Math.trunc(Number(arg)));
    return toText(arg);
  });
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return toText(a) < toText(b) ? -1 : toText(a) > toText(b) ? 1 : 0;
}

type Fn = (...args: unknown[]) => unknown;

const FUNCTIONS: Record<string, Fn> = {
  default: (fallback, value) => (truthy(value) ? value : fallback),
  quote: (...values) => values.map((v) => JSON.stringify(toText(v))).join(' '),
  squote: (...values) => values.map((v) => `'${toText(v)}'`).join(' '),
  toYaml: (value) => toYaml(value),
  toJson: (value: unknown) => JSON.stringify(value ?? null),
  toString: (value: unknown) => toText(value),
  int: (value) => Math.trunc(Number(value) || 0),
  int64: (value) => Math.trunc(Number(value) || 0),
  float64: (value) => Number(value) || 0,
  indent: (spaces, text) => indent(spaces, text),
  nindent: (spaces, text) => `\n${indent(spaces, text)}`,
  upper: (text) => toText(text).toUpperCase(),
  lower: (text) => toText(text).toLowerCase(),
  title: (text) => toText(text).replace(/\b\w/g, (c) => c.toUpperCase()),
  trim: (text) => toText(text).trim(),
  trunc: (length, text) => {
    const n = Number(length);
    const s = toText(text);
    return n >= 0 ? s.slice(0, n) : s.slice(n);
  },
  trimSuffix: (suffix, text) => {
    const s = toText(text);
    const x = toText(suffix);
    return x !== '' && s.endsWith(x) ? s.slice(0, -x.length) : s;
  },
  trimPrefix: (prefix, text) => {
    const s = toText(text);
    const x = toText(prefix);
    return x !== '' && s.startsWith(x) ? s.slice(x.length) : s;
  },
  replace: (from, to, text) => toText(text).split(toText(from)).join(toText(to)),
  contains: (needle, haystack) => toText(haystack).includes(toText(needle)),
  hasPrefix: (prefix, text) => toText(text).startsWith(toText(prefix)),
  hasSuffix: (suffix, text) => toText(text).endsWith(toText(suffix)),
  printf: (format, ...args) => printf(format, ...args),
  print: (...args) => args.map(toText).join(''),
  println: (...args) => `${args.map(toText).join(' ')}\n`,
  not: (value) => !truthy(value),
  and: (...values) => values.find((v) => !truthy(v)) ?? values[values.length - 1],
  or: (...values) => values.find((v) => truthy(v)) ?? values[values.length - 1],
  eq: (a, ...others) => others.some((b) => a === b || (a !== undefined && b !== undefined && toText(a) === toText(b) && typeof a === typeof b)),
  ne: (a, b) => !(a === b || (typeof a === typeof b && toText(a) === toText(b))),
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  empty: (value) => !truthy(value),
  required: (_message, value) => value,
  coalesce: (...values) => values.find((v) => truthy(v)),
  ternary: (a, b, condition) => (truthy(condition) ? a : b),
  len: (value) => (Array.isArray(value) ? value.length : isMap(value) ? Object.keys(value).length : toText(value).length),
  list: (...values) => values,
  dict: (...pairs) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i + 1 < pairs.length; i += 2) out[toText(pairs[i])] = pairs[i + 1];
    return out;
  },
  hasKey: (map, key) => isMap(map) && Object.prototype.hasOwnProperty.call(map, toText(key)),
  b64enc: (value) => Buffer.from(toText(value)).toString('base64'),
  b64dec: (value) => Buffer.from(toText(value), 'base64').toString('utf8'),
  tpl: (text) => toText(text),
  kindIs: (kind, value) => {
    const k = toText(kind);
    if (k === 'map') return isMap(value);
    if (k === 'slice') return Array.isArray(value);
    if (k === 'string') return typeof value === 'string';
    if (k === 'bool') return typeof value === 'boolean';
    return false;
  },
};

export interface TemplateContext {
  /** The root object (`$`): `{ Values, Release, Chart, … }`. */
  root: Record<string, unknown>;
  defines: Map<string, Node[]>;
}

const MAX_INCLUDE_DEPTH = 20;

class Evaluator {
  constructor(private readonly context: TemplateContext) {}

  render(nodes: readonly Node[], dot: unknown, vars: Map<string, unknown>, depth = 0): string {
    let out = '';
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out += node.text;
          break;
        case 'action': {
          const value = this.pipeline(node.pipeline, dot, vars, depth);
          if (!node.pipeline.declare) out += toText(value);
          break;
        }
        case 'if': {
          for (const branch of node.branches) {
            if (branch.condition === null || truthy(this.pipeline(branch.condition, dot, vars, depth))) {
              out += this.render(branch.body, dot, new Map(vars), depth);
              break;
            }
          }
          break;
        }
        case 'with': {
          const value = this.pipeline(node.pipeline, dot, vars, depth);
          out += truthy(value) ? this.render(node.body, value, new Map(vars), depth) : this.render(node.otherwise, dot, new Map(vars), depth);
          break;
        }
        case 'range': {
          const { declare, ...rest } = node.pipeline;
          const value = this.pipeline(rest, dot, vars, depth);
          const entries: [unknown, unknown][] = Array.isArray(value)
            ? value.map((item, index) => [index, item])
            : isMap(value)
              ? Object.keys(value).sort().map((key) => [key, value[key]])
              : typeof value === 'number'
                ? Array.from({ length: value }, (_, i) => [i, i])
                : [];
          if (entries.length === 0) {
            out += this.render(node.otherwise, dot, new Map(vars), depth);
            break;
          }
          for (const [key, item] of entries) {
            const scope = new Map(vars);
            if (declare?.names.length === 1) scope.set(declare.names[0]!, item);
            if (declare && declare.names.length >= 2) {
              scope.set(declare.names[0]!, key);
              scope.set(declare.names[1]!, item);
            }
            out += this.render(node.body, item, scope, depth);
          }
          break;
        }
        case 'template': {
          const arg = node.pipeline ? this.pipeline(node.pipeline, dot, vars, depth) : undefined;
          out += this.include(node.name, arg, depth);
          break;
        }
      }
    }
    return out;
  }

  include(name: string, dot: unknown, depth: number): string {
    const body = this.context.defines.get(name);
    if (!body || depth >= MAX_INCLUDE_DEPTH) return '';
    return this.render(body, dot, new Map([['', dot]]), depth + 1);
  }

  pipeline(pipeline: Pipeline, dot: unknown, vars: Map<string, unknown>, depth: number): unknown {
    let value: unknown;
    let first = true;
    for (const command of pipeline.commands) {
      value = this.command(command, dot, vars, depth, first ? [] : [value]);
      first = false;
    }
    if (pipeline.declare) for (const name of pipeline.declare.names) vars.set(name, value);
    return value;
  }

  term(term: Term, dot: unknown, vars: Map<string, unknown>, depth: number): unknown {
    switch (term.kind) {
      case 'literal':
        return term.value;
      case 'field':
        return lookup(dot, term.path);
      case 'variable':
        return lookup(vars.has(term.name) ? vars.get(term.name) : term.name === '' ? this.context.root : undefined, term.path);
      case 'sub':
        return lookup(this.pipeline(term.pipeline, dot, vars, depth), term.path);
      case 'ident':
        return this.call(term.name, [], depth);
    }
  }

  command(command: Command, dot: unknown, vars: Map<string, unknown>, depth: number, piped: unknown[]): unknown {
    const [head, ...rest] = command;
    if (!head) return piped[0];
    if (head.kind !== 'ident') return this.term(head, dot, vars, depth);
    const args = [...rest.map((term) => this.term(term, dot, vars, depth)), ...piped];
    return this.call(head.name, args, depth);
  }

  call(name: string, args: unknown[], depth: number): unknown {
    if (name === 'include' || name === 'template') return this.include(toText(args[0]), args[1], depth);
    const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    return fn ? fn(...args) : undefined;
  }
}

/** Renders `template` with the given root (`.` and `$`), using `defines` for include/template. */
export function renderTemplate(template: string, root: Record<string, unknown>, defines: Map<string, Node[]>): string {
  const { nodes } = parseTemplate(template, defines);
  return new Evaluator({ root, defines }).render(nodes, root, new Map([['', root]]));
}

/** Collects the named templates of a chart's files (`_helpers.tpl` and friends). */
export function collectDefines(templates: Iterable<string>): Map<string, Node[]> {
  const defines = new Map<string, Node[]>();
  for (const template of templates) {
    try {
      parseTemplate(template, defines);
    } catch {
      // A helper that does not parse contributes nothing.
    }
  }
  return defines;
}

export type TemplateNode = Node;
