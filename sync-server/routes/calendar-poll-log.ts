/**
 * A calendar app polls a subscribed feed every few minutes to hours, all day, every day: one
 * audit event per poll would bury everything else an owner reads. A subscription is recorded
 * once per link and document per UTC day instead ("this link's subscription read the calendar on
 * that day"), which is what a privacy officer asks. The memory is this process's: with several
 * nodes a subscription can be recorded once per node per day, still a handful of lines.
 */
export class CalendarPollLog {
  private day = '';
  private readonly seen = new Set<string>();

  /** Bounds the memory if a day brings a flood of distinct subscriptions; the cost is an extra line each. */
  static readonly MAX_REMEMBERED = 50_000;

  /** True the first time this link reads this document's feed today; false for later polls the same day. */
  isFirstToday(linkKey: string, documentId: string, now: Date = new Date()): boolean {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day || this.seen.size >= CalendarPollLog.MAX_REMEMBERED) {
      this.day = day;
      this.seen.clear();
    }
    const key = `${linkKey} ${documentId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
