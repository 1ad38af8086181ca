/** Query parameters whose values are secrets (passwords, tokens, codes, keys, signatures). */
const SECRET = /pass|token|secret|code|key|sig|auth|session|ticket|otp/i;

/**
 * A request URL fit for a log line: the value of every query parameter whose name suggests a
 * secret is `[redacted]`, whatever a client chose to put in a URL.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
