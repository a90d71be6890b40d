export { readAgenda } from './agenda.ts';
export type { AgendaTopic } from './agenda.ts';
export {
  addTime,
  formatClock,
  nextTopic,
  pauseTimer,
  previousTopic,
  readTimer,
  resetTimer,
  resumeTimer,
  startTimer,
} from './agenda-timer.ts';
export type { TimerReading, TimerTransition } from './agenda-timer.ts';
export { changeTimer } from './change-timer.ts';
