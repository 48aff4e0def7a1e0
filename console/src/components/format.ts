// Display formats shared by pages. Times arrive as UTC ISO strings and show in local time.
const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-01 14:05:09" in the browser's time zone; the input unchanged if it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
