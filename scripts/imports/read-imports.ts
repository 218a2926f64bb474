// Reads every import, re-export and export of a TypeScript project with the
// compiler's own parser (typescript/unstable/sync), as plain data for the checks.

import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import {
  ModifierFlags, SyntaxKind, type EntityName, type ExportDeclaration, type Identifier, type ModifiersBase, type Node, type SourceFile, type Statement,
} from 'typescript/unstable/ast';
import {
  isArrayBindingPattern, isAwaitExpression, isBindingElement, isCallExpression, isElementAccessExpression,
  isExportAssignment, isExportDeclaration, isExpressionStatement, isExternalModuleReference, isIdentifier,
  isImportDeclaration, isImportEqualsDeclaration, isImportTypeNode, isInterfaceDeclaration, isLiteralTypeNode, isMetaProperty,
  isNamedExports, isNamedImports, isNamespaceExport, isNamespaceImport, isNewExpression, isObjectBindingPattern,
  isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isQualifiedName,
  isStringLiteralLikeNode, isTypeAliasDeclaration, isVariableDeclaration, isVariableStatement, isVoidExpression,
} from 'typescript/unstable/ast/is';
import { API } from 'typescript/unstable/sync';

/**
 * ImportKind says which syntax an import edge came from:
 * 'import' is `import … from '…'` and `import '…'`; 'export' is `export … from '…'`
 * and `export * from '…'`; 'import-equals' is `import x = require('…')`; 'dynamic'
 * is `import('…')`; 'require' is a `require('…')` call (from createRequire);
 * 'import-type' is `import('…').T` in a type; 'url' is `new URL('./x.js',
 * import.meta.url)`, a file started as a worker or child process.
 */
export type ImportKind = 'import' | 'export' | 'import-equals' | 'dynamic' | 'require' | 'import-type' | 'url';

/** ImportEdge is one reference from a file to a module. */
export interface ImportEdge {
  /** The importing file, relative to the project root with / separators. */
  readonly from: string;
  /** The 1-based line where the import starts. */
  readonly line: number;
  /** The module specifier as written. */
  readonly spec: string;
  readonly kind: ImportKind;
  /** True exactly when TypeScript erases the import: `import type`, `export type … from`, every named specifier marked `type`, or `import('…').T`. */
  readonly typeOnly: boolean;
  /** For a relative specifier, the file it names, root-relative, `.js` read as `.ts` (it may not exist); undefined for packages. */
  readonly path: string | undefined;
  /** The project source file behind path, when there is one. */
  readonly target: string | undefined;
  /** The exported names this import uses ('default' for a default import); 'all' when they cannot be told. */
  readonly names: readonly string[] | 'all';
}

/** ExportedName is one name a file exports, its own or re-exported. */
export interface ExportedName {
  readonly name: string;
  readonly line: number;
  /** True for a type alias or interface (or `export type { X }`): nothing at run time. */
  readonly isType?: boolean;
  /** For a re-export (`export { x } from '…'`), the specifier it comes from. */
  readonly from?: string;
}

/** StarExport is an `export * from '…'`: every name of target (but default) is exported too. */
export interface StarExport {
  readonly target: string;
  readonly spec: string;
  readonly line: number;
}

/** FileImports is what one source file imports and exports. */
export interface FileImports {
  /** The file, relative to the project root with / separators. */
  readonly path: string;
  readonly imports: readonly ImportEdge[];
  readonly exports: readonly ExportedName[];
  readonly stars: readonly StarExport[];
}

/** ProjectImports is every source file of a project (not declaration files, not node_modules) with its imports and exports. */
export interface ProjectImports {
  /** The directory holding tsconfig.json, absolute. */
  readonly root: string;
  readonly files: readonly FileImports[];
}

/** readProject parses the project of tsconfigPath with the TypeScript compiler and returns its source files' imports and exports. */
export function readProject(tsconfigPath: string): ProjectImports {
  const config = realpathSync(resolve(tsconfigPath));
  const root = dirname(config);
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openProjects: [config] });
    const project = snapshot.getProject(config) ?? snapshot.getProjects()[0];
    if (!project) throw new Error(`check-imports: TypeScript found no project in ${config}`);
    const program = project.program;
    const names = program.getSourceFileNames().filter((f) => isOwnSource(root, f));
    const known = new Set(names);
    const files: FileImports[] = [];
    for (const name of names) {
      const sf = program.getSourceFile(name);
      if (sf) files.push(readFile(root, known, sf));
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { root, files };
  } finally {
    api.close();
  }
}

/** isOwnSource keeps the project's own .ts files: under root, not in node_modules, not .d.ts. */
function isOwnSource(root: string, file: string): boolean {
  const rel = relative(root, file);
  if (rel.startsWith('..') || rel.split(sep).includes('node_modules')) return false;
  return /\.[cm]?tsx?$/.test(rel) && !/\.d\.[cm]?ts$/.test(rel);
}

/** posix turns an absolute path into a root-relative one with / separators. */
function posix(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}

/** Where a relative specifier leads: the file as written and the project file behind it, if any. */
function resolveSpec(root: string, known: ReadonlySet<string>, fromAbs: string, spec: string): { path: string | undefined; target: string | undefined } {
  if (!/^\.\.?(\/|$)/.test(spec)) return { path: undefined, target: undefined };
  const abs = resolve(dirname(fromAbs), spec);
  // nodenext: `./x.js` names the output of ./x.ts (or .tsx); .mjs/.cjs likewise.
  const m = /\.([cm]?)jsx?$/.exec(abs);
  const candidates = m
    ? [abs.slice(0, m.index) + `.${m[1]}ts`, abs.slice(0, m.index) + `.${m[1]}tsx`, abs]
    : [abs, abs + '.ts', abs + '.tsx', resolve(abs, 'index.ts')];
  const hit = candidates.find((c) => known.has(c));
  return { path: posix(root, hit ?? candidates[0]), target: hit === undefined ? undefined : posix(root, hit) };
}

/** The text of a module export name or literal. */
function textOf(node: Node): string | undefined {
  if (isIdentifier(node) || isStringLiteralLikeNode(node)) return node.text;
  return undefined;
}

/** Same node: the API may hand out a fresh object for each read, so compare kind and span. */
function same(a: Node | undefined, b: Node): boolean {
  return a !== undefined && a.kind === b.kind && a.pos === b.pos && a.end === b.end;
}

/** A name bound to a whole module (`import * as ns`, `const m = await import(…)`): which properties of it are used is found by a second walk. */
interface Binding {
  readonly name: string;
  readonly start: number;
  readonly edge: number;
}

/** readFile collects one file's imports and exports. */
function readFile(root: string, known: ReadonlySet<string>, sf: SourceFile): FileImports {
  const from = posix(root, sf.fileName);
  const edges: { -readonly [K in keyof ImportEdge]: ImportEdge[K] }[] = [];
  const exports: ExportedName[] = [];
  const stars: StarExport[] = [];
  const bindings: Binding[] = [];
  const lineOf = (n: Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const addEdge = (at: Node, spec: string, kind: ImportKind, typeOnly: boolean, names: readonly string[] | 'all'): number => {
    const { path, target } = resolveSpec(root, known, sf.fileName, spec);
    edges.push({ from, line: lineOf(at), spec, kind, typeOnly, path, target, names });
    return edges.length - 1;
  };
  const bind = (name: Node, edge: number) => {
    if (isIdentifier(name)) bindings.push({ name: name.text, start: name.getStart(sf), edge });
    else edges[edge].names = 'all';
  };

  for (const st of sf.statements) readStatement(st);

  // Dynamic imports, require(), import types and worker URLs can sit anywhere.
  const visit = (n: Node): void => {
    if (isCallExpression(n) && n.arguments.length >= 1) {
      const arg = n.arguments[0];
      const spec = isStringLiteralLikeNode(arg) ? arg.text : undefined;
      if (spec !== undefined && n.expression.kind === SyntaxKind.ImportKeyword) {
        dynamicImport(n, spec);
      } else if (spec !== undefined && isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments.length === 1) {
        addEdge(n, spec, 'require', false, 'all');
      }
    } else if (isNewExpression(n) && isIdentifier(n.expression) && n.expression.text === 'URL' && n.arguments?.length === 2) {
      const [first, base] = n.arguments;
      if (isStringLiteralLikeNode(first) && isImportMetaUrl(base)) {
        // A URL to data (testdata, wasm) is no import: keep only those that reach a source file.
        // The file is started (worker, child process), not imported: it uses none of its exports.
        if (resolveSpec(root, known, sf.fileName, first.text).target !== undefined) addEdge(n, first.text, 'url', false, []);
      }
    } else if (isImportTypeNode(n) && isLiteralTypeNode(n.argument) && isStringLiteralLikeNode(n.argument.literal)) {
      const q = n.qualifier;
      const head = q === undefined ? undefined : isQualifiedName(q) ? leftmost(q) : q;
      addEdge(n, n.argument.literal.text, 'import-type', true, head ? [head.text] : 'all');
    }
    n.forEachChild(visit);
  };
  sf.forEachChild(visit);

  if (bindings.length > 0) usedProperties();
  return { path: from, imports: edges, exports: dedupe(exports), stars };

  function readStatement(st: Statement): void {
    if (isImportDeclaration(st)) {
      const spec = textOf(st.moduleSpecifier);
      if (spec === undefined) return;
      const clause = st.importClause;
      if (!clause) {
        addEdge(st, spec, 'import', false, []);
        return;
      }
      const nb = clause.namedBindings;
      const elements = nb && isNamedImports(nb) ? nb.elements : undefined;
      const typeOnly = clause.phaseModifier === SyntaxKind.TypeKeyword
        || (!clause.name && elements !== undefined && elements.length > 0 && elements.every((e) => e.isTypeOnly));
      const names: string[] = [];
      if (clause.name) names.push('default');
      for (const e of elements ?? []) {
        const n = textOf(e.propertyName ?? e.name);
        if (n !== undefined) names.push(n);
      }
      const edge = addEdge(st, spec, 'import', typeOnly, names);
      if (nb && isNamespaceImport(nb)) bind(nb.name, edge);
    } else if (isImportEqualsDeclaration(st)) {
      const ref = st.moduleReference;
      if (isExternalModuleReference(ref) && isStringLiteralLikeNode(ref.expression)) {
        bind(st.name, addEdge(st, ref.expression.text, 'import-equals', st.isTypeOnly, []));
      }
      if (st.modifierFlags & ModifierFlags.Export) exports.push({ name: st.name.text, line: lineOf(st) });
    } else if (isExportDeclaration(st)) {
      readExportDeclaration(st);
    } else if (isExportAssignment(st)) {
      if (!st.isExportEquals) exports.push({ name: 'default', line: lineOf(st) });
    } else if (flagsOf(st) & ModifierFlags.Export) {
      if (flagsOf(st) & ModifierFlags.Default) {
        exports.push({ name: 'default', line: lineOf(st) });
      } else if (isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) for (const n of bindingNames(d.name)) exports.push({ name: n, line: lineOf(d) });
      } else {
        const name = (st as Node as { name?: Node }).name;
        const n = name && isIdentifier(name) ? name.text : undefined;
        const isType = isInterfaceDeclaration(st) || isTypeAliasDeclaration(st);
        if (n !== undefined) exports.push(isType ? { name: n, line: lineOf(st), isType } : { name: n, line: lineOf(st) });
      }
    }
  }

  function readExportDeclaration(st: ExportDeclaration): void {
    const clause = st.exportClause;
    const spec = st.moduleSpecifier ? textOf(st.moduleSpecifier) : undefined;
    const line = lineOf(st);
    if (clause && isNamedExports(clause)) {
      const used: string[] = [];
      for (const e of clause.elements) {
        const name = textOf(e.name);
        const local = textOf(e.propertyName ?? e.name);
        if (name === undefined || local === undefined) continue;
        const isType = st.isTypeOnly || e.isTypeOnly;
        exports.push({ name, line: lineOf(e), ...(isType ? { isType } : {}), ...(spec === undefined ? {} : { from: spec }) });
        used.push(local);
      }
      if (spec !== undefined) {
        const typeOnly = st.isTypeOnly || (clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
        addEdge(st, spec, 'export', typeOnly, used);
      }
    } else if (spec !== undefined) {
      addEdge(st, spec, 'export', st.isTypeOnly, 'all');
      if (clause && isNamespaceExport(clause)) {
        const name = textOf(clause.name);
        if (name !== undefined) exports.push({ name, line, from: spec });
      } else {
        const { target } = resolveSpec(root, known, sf.fileName, spec);
        if (target !== undefined) stars.push({ target, spec, line });
      }
    }
  }

  /** `import('…')`: which names are used, where the code makes it plain. */
  function dynamicImport(call: Node, spec: string): void {
    let e: Node = call;
    let p = e.parent;
    while (isParenthesizedExpression(p)) { e = p; p = p.parent; }
    const awaited = isAwaitExpression(p);
    if (awaited) {
      e = p;
      p = p.parent;
      while (isParenthesizedExpression(p)) { e = p; p = p.parent; }
    }
    if (isExpressionStatement(p) || isVoidExpression(p)) {
      addEdge(call, spec, 'dynamic', false, []); // loaded for its side effects
    } else if (awaited && isPropertyAccessExpression(p) && same(p.expression, e) && isIdentifier(p.name)) {
      addEdge(call, spec, 'dynamic', false, [p.name.text]); // (await import('./x.js')).name
    } else if (awaited && isVariableDeclaration(p) && same(p.initializer, e)) {
      const edge = addEdge(call, spec, 'dynamic', false, []);
      const pattern = p.name;
      if (isObjectBindingPattern(pattern)) {
        edges[edge].names = destructured(pattern.elements); // const { a, b } = await import('./x.js')
      } else {
        bind(pattern, edge); // const m = await import('./x.js'); m.a
      }
    } else {
      addEdge(call, spec, 'dynamic', false, 'all');
    }
  }

  /** Second walk: for each whole-module binding, the properties read from it; any other use counts as all. */
  function usedProperties(): void {
    const byName = new Map<string, Binding[]>();
    for (const b of bindings) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
    const used = new Map<number, Set<string> | 'all'>();
    for (const b of bindings) {
      const named = edges[b.edge].names; // `import d, * as ns` keeps 'default'
      used.set(b.edge, named === 'all' ? 'all' : new Set(named));
    }
    const visit = (n: Node): void => {
      if (isIdentifier(n)) {
        const bs = byName.get(n.text);
        if (bs && !bs.some((b) => b.start === n.getStart(sf))) {
          const prop = propertyRead(n);
          if (prop !== null) {
            for (const b of bs) {
              const set = used.get(b.edge);
              if (set === 'all' || set === undefined) continue;
              if (prop === undefined) used.set(b.edge, 'all');
              else set.add(prop);
            }
          }
        }
        return;
      }
      n.forEachChild(visit);
    };
    sf.forEachChild(visit);
    for (const [edge, set] of used) edges[edge].names = set === 'all' ? 'all' : [...set].sort();
  }
}

/** For an identifier bound to a module: the property it reads (ns.x, ns['x'], ns.T in a type), undefined for any other use, null when the identifier is no reference at all (x.ns, { ns: 1 }). */
function propertyRead(id: Node): string | undefined | null {
  const p = id.parent;
  if (isPropertyAccessExpression(p)) {
    if (same(p.name, id)) return null;
    return isIdentifier(p.name) ? p.name.text : undefined;
  }
  if (isQualifiedName(p)) return same(p.right, id) ? null : p.right.text;
  if (isElementAccessExpression(p) && same(p.expression, id)) {
    return isStringLiteralLikeNode(p.argumentExpression) ? p.argumentExpression.text : undefined;
  }
  if (isPropertyAssignment(p) && same(p.name, id)) return null;
  if (isBindingElement(p) && p.propertyName !== undefined && same(p.propertyName, id)) return null;
  return undefined;
}

/** The names taken by `const { a, b: c } = …`; 'all' when a rest element or computed name hides them. */
function destructured(elements: readonly Node[]): string[] | 'all' {
  const names: string[] = [];
  for (const el of elements) {
    if (!isBindingElement(el) || el.dotDotDotToken) return 'all';
    const key = el.propertyName ?? el.name;
    const n = key ? textOf(key) : undefined;
    if (n === undefined) return 'all';
    names.push(n);
  }
  return names;
}

/** The names a binding declares: `a`, or every name in `{ a, b: [c] }`. */
function bindingNames(name: Node): string[] {
  if (isIdentifier(name)) return [name.text];
  if (isObjectBindingPattern(name) || isArrayBindingPattern(name)) {
    const out: string[] = [];
    for (const el of name.elements) if (isBindingElement(el) && el.name) out.push(...bindingNames(el.name));
    return out;
  }
  return [];
}

/** The modifier flags of a statement (export, default, …); 0 for statements that take none. */
function flagsOf(st: Statement): number {
  return (st as Partial<ModifiersBase>).modifierFlags ?? 0;
}

/** `import.meta.url` */
function isImportMetaUrl(n: Node): boolean {
  return isPropertyAccessExpression(n) && isMetaProperty(n.expression) && n.expression.keywordToken === SyntaxKind.ImportKeyword
    && isIdentifier(n.name) && n.name.text === 'url';
}

/** The first identifier of `A.B.C`. */
function leftmost(q: EntityName): Identifier {
  let n = q;
  while (isQualifiedName(n)) n = n.left;
  return n;
}

/** One entry per name: overloads and merged declarations export a name once. */
function dedupe(list: ExportedName[]): ExportedName[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.name) ? false : (seen.add(e.name), true)));
}
