/** A server URL fit for a log line: its password (and any `password=` parameter) replaced. */
export function redactUrl(url: string): string {
  return url
    .split(',')
    .map((one) => {
      if (!URL.canParse(one)) return one.replace(/\/\/[^@/]*@/, '//[redacted]@');
      const u = new URL(one);
      if (u.password) u.password = 'redacted';
      for (const key of [...u.searchParams.keys()])
        if (/pass|secret|token/i.test(key)) u.searchParams.set(key, 'redacted');
      return u.toString().replace(/\/$/, '');
    })
    .join(',');
}
