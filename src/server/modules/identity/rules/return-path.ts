/**
 * Where the browser goes after signing in: only a path of this site. Anything else (another origin,
 * `//host`, `/\host`, a scheme, control characters, the API itself) becomes `/`, so that the sign-in
 * cannot be used to send a person elsewhere (an open redirect).
 */
export function safeReturnPath(input: string | null | undefined): string {
  if (!input || input.length > 500) return '/';
  if (!input.startsWith('/') || input.startsWith('//') || input.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(input)) return '/';
  let url: URL;
  try {
    url = new URL(input, 'http://same.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://same.invalid') return '/';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
