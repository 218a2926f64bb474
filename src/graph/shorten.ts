// Shortened function names for graph labels: the package path, Java
// package and argument list, and C++ namespaces are dropped, the way
// pprof's graph.ShortenFunctionName shows them in DOT nodes.

// The patterns follow Go's RE2 semantics: `\w` and `\d` are ASCII in both
// engines; Go's `.` excludes only "\n", so it is spelled `[^\n]` here
// (JavaScript's `.` would also stop at "\r", U+2028 and U+2029).

/** A "(anonymous namespace)::" prefix of a C++ name. */
const CPP_ANONYMOUS_PREFIX = /^\(anonymous namespace\)::/;

/** A major-version element ("/v2", "/v10") in a Go package path. */
const GO_VERSION = /^([^\n]*?)\/v(?:[2-9]|[1-9][0-9]+)([./][^\n]*)$/;

/** A Go name: keep what follows the last "/" of the package path. */
const GO_NAME = /^(?:[\w\-.]+\/)+([^.]+\.[^\n]+)/;

/** A Java method: class and method, without package and arguments. */
const JAVA_NAME = /^(?:[a-z]\w*\.)*([A-Z][\w$]*\.(?:<init>|[a-z][\w$]*(?:\$\d+)?))(?:\(|$)/;

/** A C++ method: class and method (templates kept), without namespaces. */
const CPP_NAME = /^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<[^\n]*>)?)/;

/**
 * shortenFunctionName returns the short form of a function name used in
 * graph node labels: "github.com/x/y/v2/pkg.(*T).M" becomes "pkg.(*T).M",
 * "java.util.HashMap.get(Ljava/lang/Object;)" becomes "HashMap.get",
 * "std::foo::Bar::baz" becomes "Bar::baz"; other names are unchanged.
 */
export function shortenFunctionName(name: string): string {
  let f = name.replace(CPP_ANONYMOUS_PREFIX, '');
  f = f.replace(GO_VERSION, '$1$2');
  for (const re of [GO_NAME, JAVA_NAME, CPP_NAME]) {
    const m = re.exec(f);
    if (m) return m.slice(1).join('');
  }
  return f;
}
