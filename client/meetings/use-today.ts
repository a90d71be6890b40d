import { useEffect, useState } from 'react';
import { localDay } from '#core/follow-ups';

/** This device's calendar day (`YYYY-MM-DD`), moving on at midnight while the page stays open. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDay(new Date()));
  useEffect(() => {
    const timer = window.setInterval(() => setToday(localDay(new Date())), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return today;
}
