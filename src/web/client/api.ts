// Fetching the server's data routes (/ui/data/…) with the report settings
// of the current URL; a failed request becomes an ApiError carrying the
// server's one-line message.

/** ApiError is a data request the server refused or could not answer. */
class ApiError extends Error {}

async function request(path: string, q: URLSearchParams): Promise<Response> {
  const qs = q.toString();
  let res: Response;
  try {
    res = await fetch(qs === '' ? path : `${path}?${qs}`);
  } catch {
    throw new ApiError('the gotune server is not answering: is it still running?');
  }
  if (!res.ok) throw new ApiError((await res.text()).trim() || `${res.status} ${res.statusText}`);
  return res;
}

/** getJson fetches a JSON route. */
export async function getJson<T>(path: string, q: URLSearchParams): Promise<T> {
  return (await (await request(path, q)).json()) as T;
}

/** getBinary fetches a binary route and the warnings sent in its header. */
export async function getBinary(path: string, q: URLSearchParams): Promise<{ buf: ArrayBuffer; warnings: string[] }> {
  const res = await request(path, q);
  const h = res.headers.get('x-gotune-warnings');
  return { buf: await res.arrayBuffer(), warnings: h ? (JSON.parse(decodeURIComponent(h)) as string[]) : [] };
}

/** getText fetches a text route (the call graph's SVG). */
export async function getText(path: string, q: URLSearchParams): Promise<string> {
  return (await request(path, q)).text();
}
