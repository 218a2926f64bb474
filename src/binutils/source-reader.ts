// The SourceReader of the CLI: finds a source file named in a profile the
// way pprof does (-trim_path, -source_path and its parents), then where Go
// keeps sources (GOROOT, the module cache, vendor/, the current module),
// and reads it as Go's bufio.Scanner splits lines.

import { readFileSync, statSync } from 'node:fs';
import { basename, posix, resolve } from 'node:path';
import type { SourceReader, SourceSearch, SourceText } from '../ports.js';
import { escapeModulePath, findModuleRoot, goDirs, runGoEnv, type GoDirs, type GoEnvRunner, type ModuleRoot } from './go-env.js';

/** splitPathList splits a ":"-separated list like Go's filepath.SplitList. */
function splitPathList(list: string): string[] {
  return list === '' ? [] : list.split(':');
}

/**
 * trimSourcePath removes a -trim_path prefix (or, without one, everything up
 * to a search directory's base name) and /proc/self/cwd/ from a recorded
 * path, as pprof does before searching.
 */
export function trimSourcePath(path: string, trim: string, searchPath: string): string {
  if (trim === '') {
    for (const dir of splitPathList(searchPath)) {
      const want = '/' + basename(dir) + '/';
      const found = path.indexOf(want);
      if (found !== -1) return path.slice(found + want.length);
    }
  }
  for (let t of [...splitPathList(trim), '/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (!t.endsWith('/')) t += '/';
    if (path.startsWith(t)) return path.slice(t.length);
  }
  return path;
}

/** goParent is Go's filepath.Dir. */
function goParent(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return posix.normalize(p.slice(0, i));
}

/** pprofPlaces lists where pprof looks for a (trimmed, relative) path: each search directory, then its parents. */
export function pprofPlaces(path: string, searchPath: string): string[] {
  const out: string[] = [];
  for (let dir of splitPathList(searchPath)) {
    for (;;) {
      out.push(posix.join(dir, path));
      const parent = goParent(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return out;
}

const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EPERM: 'operation not permitted',
};

/** MAX_LINE is bufio.Scanner's default token limit: reading stops at a longer line. */
const MAX_LINE = 64 * 1024;

/** scanLines splits file bytes into lines like bufio.ScanLines (no "\n", no trailing "\r"). */
export function scanLines(data: Uint8Array): string[] {
  const dec = new TextDecoder();
  const lines: string[] = [];
  let start = 0;
  while (start < data.length) {
    let nl = data.indexOf(0x0a, start);
    const last = nl < 0;
    if (last) nl = data.length;
    if (nl - start >= MAX_LINE) break; // the scanner fails here and pprof keeps what it read
    let end = nl;
    if (end > start && data[end - 1] === 0x0d) end--;
    lines.push(dec.decode(data.subarray(start, end)));
    start = nl + 1;
  }
  return lines;
}

type ReadResult = { lines: string[] } | { code: string };

/** readSource reads a file; a directory reads as no lines, as in pprof (its scanner error is dropped). */
function readSource(path: string): ReadResult {
  try {
    const b = readFileSync(path);
    return { lines: scanLines(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'EISDIR') return { lines: [] };
    return { code };
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** GoPlacesInput is what goPlaces needs besides the path. */
interface GoPlacesInput {
  dirs: GoDirs;
  modules: ModuleRoot[];
}

/** splitModuleVersion splits "mod/path@v1.2.3/rest" into its parts, or null. */
export function splitModuleVersion(p: string): { module: string; version: string; rest: string } | null {
  const parts = p.split('/');
  const i = parts.findIndex((s) => s.includes('@'));
  if (i < 0) return null;
  const at = parts[i].indexOf('@');
  const module = [...parts.slice(0, i), parts[i].slice(0, at)].join('/').replace(/^\/+/, '');
  const version = parts[i].slice(at + 1);
  const rest = parts.slice(i + 1).join('/');
  if (module === '' || version === '' || rest === '') return null;
  return { module, version, rest };
}

/**
 * goPlaces lists where Go keeps a file recorded as `path` (as recorded, or
 * trimmed): GOROOT/src for standard-library paths, the module cache for
 * `module@version/...` paths, vendor/ and the module root for paths under
 * a module, whether absolute or module-relative (-trimpath builds).
 */
export function goPlaces(path: string, trimmed: string, inp: GoPlacesInput): string[] {
  const out: string[] = [];
  const { goroot, modcache } = inp.dirs;
  for (const p of new Set([path, trimmed])) {
    const abs = p.startsWith('/');
    // Standard-library import paths have no dot in their first element; module paths do.
    const dotted = !abs && p.split('/')[0].includes('.');
    if (goroot !== null) {
      if (p.startsWith('$GOROOT/')) out.push(posix.join(goroot, p.slice(8)));
      if (abs) {
        for (let i = p.indexOf('/src/'); i >= 0; i = p.indexOf('/src/', i + 1)) out.push(posix.join(goroot, 'src', p.slice(i + 5)));
      } else if (!p.startsWith('$') && !dotted) {
        out.push(posix.join(goroot, 'src', p));
      }
    }
    const mv = abs ? null : splitModuleVersion(p);
    if (modcache !== null) {
      const pm = p.lastIndexOf('/pkg/mod/');
      if (pm >= 0) out.push(posix.join(modcache, p.slice(pm + 9)));
      if (mv && !abs) out.push(posix.join(modcache, `${escapeModulePath(mv.module)}@${escapeModulePath(mv.version)}`, mv.rest));
    }
    for (const m of inp.modules) {
      if (p.startsWith(m.path + '/')) out.push(posix.join(m.dir, p.slice(m.path.length + 1)));
      if (abs) {
        const i = p.indexOf('/' + m.path + '/');
        if (i >= 0) out.push(posix.join(m.dir, p.slice(i + m.path.length + 2)));
        const v = p.lastIndexOf('/vendor/');
        if (v >= 0) out.push(posix.join(m.dir, 'vendor', p.slice(v + 8)));
      } else {
        if (mv) out.push(posix.join(m.dir, 'vendor', mv.module, mv.rest));
        else if (dotted && !p.startsWith(m.path + '/')) out.push(posix.join(m.dir, 'vendor', p));
      }
    }
  }
  return [...new Set(out)];
}

/** LocalSourceOptions configures localSourceReader (tests replace the environment). */
interface LocalSourceOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: () => string;
  goEnv?: GoEnvRunner;
}

/**
 * localSourceReader reads source files from the local file system. pprof's
 * search comes first, so whatever pprof finds is what gotune shows; only
 * when it fails are Go's places tried. The `go env` answer is cached.
 */
export function localSourceReader(opts: LocalSourceOptions = {}): SourceReader {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? (() => process.cwd());
  let dirs: GoDirs | null = null;
  const modules = new Map<string, ModuleRoot | null>();
  const moduleOf = (dir: string): ModuleRoot | null => {
    const d = resolve(dir);
    if (!modules.has(d)) modules.set(d, findModuleRoot(d));
    return modules.get(d)!;
  };
  return {
    read(file: string, search: SourceSearch): SourceText {
      const searchPath = search.searchPath !== '' ? search.searchPath : cwd();
      const path = trimSourcePath(file, search.trimPath, searchPath);
      const tried: string[] = [];
      let error: string;
      if (path.startsWith('/')) {
        tried.push(path);
        const r = readSource(path);
        if ('lines' in r) return { ok: true, path, lines: r.lines };
        error = `open ${path}: ${GO_ERRNO[r.code] ?? r.code}`;
      } else {
        for (const p of pprofPlaces(path, searchPath)) {
          tried.push(resolve(p));
          const r = readSource(p);
          if ('lines' in r) return { ok: true, path: p, lines: r.lines };
        }
        error = `could not find file ${path} on path ${searchPath}`;
      }
      dirs ??= goDirs(env, opts.goEnv ?? runGoEnv);
      const mods: ModuleRoot[] = [];
      for (const d of [...splitPathList(searchPath), cwd()]) {
        const m = moduleOf(d);
        if (m && !mods.some((x) => x.dir === m.dir)) mods.push(m);
      }
      for (const p of goPlaces(file, path, { dirs, modules: mods })) {
        if (tried.includes(p)) continue;
        tried.push(p);
        if (!isFile(p)) continue;
        const r = readSource(p);
        if ('lines' in r) return { ok: true, path: p, lines: r.lines };
      }
      return { ok: false, error, tried };
    },
  };
}
