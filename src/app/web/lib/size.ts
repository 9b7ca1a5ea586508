/** `1.5 MB`, `12 KB`, `300 bytes`. */
export function formatBytes(n: number): string {
  const trim = (x: number) => (Math.round(x * 10) / 10).toString();
  if (n >= 1024 * 1024) return `${trim(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${trim(n / 1024)} KB`;
  return `${n} byte${n === 1 ? '' : 's'}`;
}
