import { useId, useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { readCalendarMeetings, requirementOf, schoolCoverage } from '#core/meetings';
import {
  readAdaptation,
  readSchoolCalendars,
  readSchoolPlan,
  writeSchoolRequirement,
  type SchoolRequirement,
} from '#core/schema';
import { useFollowUpDocuments } from '../follow-ups/follow-up-documents.ts';
import { api, ApiError } from '../sync/api.ts';
import { rememberDocumentWorkspace } from '../sync/device-store.ts';
import { useDocChanges } from './use-doc-changes.ts';
import type { CalendarPanelProps } from './calendar-panel-props.ts';

/**
 * On the district's calendar: "Adapt for a school", whether each meeting is held at every school
 * or optional, and which schools' calendars have it scheduled, read live from those calendars.
 */
export function DistrictSchoolsPanel({
  doc,
  calendarId,
  token,
  table,
  readOnly,
  workspaceId,
}: CalendarPanelProps) {
  const headingId = useId();
  const nameId = useId();
  const [, navigate] = useLocation();
  const [school, setSchool] = useState('');
  const [error, setError] = useState<string | null>(null);
  useDocChanges(doc);
  const plan = readSchoolPlan(doc);
  const schoolCalendars = readSchoolCalendars(doc);
  const key = schoolCalendars.map((entry) => entry.id).join(' ');
  const summaries = useMemo(
    () =>
      schoolCalendars.map(({ id, school: name }) => ({
        id,
        title: name,
        template: 'meeting-calendar',
        updatedAt: '',
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the calendars: the same ids must not reopen every session.
    [key],
  );
  const opened = useFollowUpDocuments(summaries, token);
  const meetings = readCalendarMeetings(table).filter(
    (meeting) => meeting.meeting !== '' && meeting.meeting !== 'Other:',
  );
  const schools = schoolCalendars.map(({ id, school: name }) => {
    const session = opened.find((entry) => entry.id === id)?.session;
    return {
      school: name,
      adaptationOf: (rowId: string) =>
        session === undefined
          ? { dropped: false, owner: null, time: null, firstDate: null }
          : readAdaptation(session.doc, rowId),
    };
  });
  const coverage = schoolCoverage(meetings, plan, schools);

  const adapt = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      const created = await api.adaptForSchool(calendarId, token, school);
      if (workspaceId !== null) rememberDocumentWorkspace(created.id, workspaceId);
      navigate(`/d/${created.id}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not adapt the calendar.');
    }
  };

  return (
    <section className="district-schools" aria-labelledby={headingId}>
      <h3 id={headingId}>Meetings at schools</h3>
      {!readOnly && (
        <form className="adapt-form" onSubmit={(event) => void adapt(event)}>
          <label htmlFor={nameId}>School</label>
          <input
            id={nameId}
            value={school}
            onChange={(event) => setSchool(event.currentTarget.value)}
            placeholder="e.g. Lincoln Elementary"
            maxLength={120}
            required
          />
          <button type="submit">Adapt for a school</button>
          {error !== null && (
            <span className="form-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
      <div
        className="school-coverage-scroll"
        role="region"
        aria-label="Meetings at schools"
        tabIndex={0}
      >
        <table className="school-coverage">
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">At schools</th>
              <th scope="col">Scheduled at</th>
              <th scope="col">Not scheduled at</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((meeting) => {
              const covered = coverage.get(meeting.rowId);
              const requirement = requirementOf(plan, meeting.rowId);
              return (
                <tr key={meeting.rowId}>
                  <th scope="row">{meeting.meeting}</th>
                  <td>
                    <select
                      aria-label={`At schools: ${meeting.meeting}`}
                      value={requirement}
                      disabled={readOnly}
                      onChange={(event) =>
                        writeSchoolRequirement(
                          doc,
                          meeting.rowId,
                          event.currentTarget.value as SchoolRequirement,
                        )
                      }
                    >
                      <option value="all-schools">Every school</option>
                      <option value="optional">Optional for schools</option>
                    </select>
                  </td>
                  <td>
                    {covered === undefined || covered.scheduled.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      covered.scheduled.join(', ')
                    )}
                  </td>
                  <td>
                    {covered === undefined || covered.notScheduled.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      covered.notScheduled.join(', ')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {schoolCalendars.length === 0 && (
        <p className="empty">No school has adapted this calendar yet.</p>
      )}
    </section>
  );
}
