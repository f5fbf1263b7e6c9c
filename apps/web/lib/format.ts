// Dates in French, Europe/Paris, whatever the server's time zone.
const dateTime = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "medium", timeStyle: "short" });
const timeOnly = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
const dayOnly = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "numeric", month: "short" });

export function formatDateTime(date: Date | null): string {
  return date ? dateTime.format(date) : "";
}

/** Today's messages show the time, older ones the day. */
export function formatListDate(date: Date | null, now = new Date()): string {
  if (!date) return "";
  const sameDay = dayOnly.format(date) === dayOnly.format(now) && now.getTime() - date.getTime() < 86_400_000;
  return sameDay ? timeOnly.format(date) : dayOnly.format(date);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1)} Mo`;
}
