import { useId, useMemo } from 'react';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import { adaptDistrictMeetings, formatShortMeetingDate, readCalendarMeetings, type SchoolMeeting } from '#core/meetings';
import { readAdaptation, readSchoolPlan, readTable, writeAdaptation, writeDropped, type AdaptationField, type DistrictCalendarLink } from '#core/schema';
import { MEETINGS_SECTION_ID } from '#core/templates';
import { useFollowUpDocuments } from '../follow-ups/follow-up-documents.ts';
import { useDocChanges } from './use-doc-changes.ts';

interface SchoolDistrictMeetingsProps {
  readonly doc: Y.Doc;
  readonly link: DistrictCalendarLink;
  readonly token: string;
  readonly readOnly: boolean;
}

/**
 * On a school's calendar: the district's meetings, read live from the district calendar (a
 * change there shows here at once, marked as the district's), with the school's own owner, time
 * and first date, and optional meetings it can drop. Nothing of the district's is copied.
 */
export function SchoolDistrictMeetings({ doc, link, token, readOnly }: SchoolDistrictMeetingsProps) {
  const headingId = useId();
  useDocChanges(doc);
  const district = useMemo(() => [{ id: link.calendarId, title: '', template: 'meeting-calendar', updatedAt: '' }], [link.calendarId]);
  const [opened] = useFollowUpDocuments(district, token);
  const districtDoc = opened?.session.doc ?? null;
  const table = districtDoc === null ? null : (readTable(districtDoc, MEETINGS_SECTION_ID)?.value ?? null);
  const meetings = table === null ? [] : adaptDistrictMeetings(readCalendarMeetings(table).filter((meeting) => meeting.meeting !== '' && meeting.meeting !== 'Other:'), readSchoolPlan(districtDoc!), (rowId) => readAdaptation(doc, rowId));

  return (
    <section className="school-district-meetings" aria-labelledby={headingId}>
      <h3 id={headingId}>Meetings from the district calendar</h3>
      <p className="lede">
        Kept in step with <Link href={`/d/${link.calendarId}`}>{opened?.title || 'the district calendar'}</Link>: a change the district makes shows here at once. {link.school} sets
        its own owner, time and first date, and may drop the optional ones.
      </p>
      {opened?.load.kind === 'failed' && (
        <p className="form-error" role="alert">
          The district calendar could not be opened: {opened.load.reason}
        </p>
      )}
      {table === null ? (
        <p role="status">Reading the district calendar…</p>
      ) : (
        <ul className="school-meetings">
          {meetings.map((meeting) => (
            <SchoolMeetingItem key={meeting.district.rowId} doc={doc} meeting={meeting} readOnly={readOnly} />
          ))}
        </ul>
      )}
    </section>
  );
}

const FIELD_LABELS: Readonly<Record<AdaptationField, string>> = { owner: 'Owner', time: 'Time', firstDate: 'First date' };

function SchoolMeetingItem({ doc, meeting, readOnly }: { readonly doc: Y.Doc; readonly meeting: SchoolMeeting; readonly readOnly: boolean }) {
  const id = useId();
  const { district } = meeting;
  const field = (name: AdaptationField, type: 'text' | 'time' | 'date') => {
    const value = meeting[name];
    const fromDistrict = value.own ? null : value.value === '' ? 'not set by the district' : `the district’s: ${name === 'firstDate' ? formatShortMeetingDate(value.value) : value.value}`;
    return (
      <div className="school-field">
        <label htmlFor={`${id}-${name}`}>{FIELD_LABELS[name]}</label>
        <input
          id={`${id}-${name}`}
          type={type}
          value={value.own ? value.value : ''}
          placeholder={type === 'text' ? value.value : undefined}
          readOnly={readOnly || meeting.dropped}
          aria-describedby={`${id}-${name}-source`}
          onChange={(event) => writeAdaptation(doc, district.rowId, name, event.currentTarget.value === '' ? null : event.currentTarget.value)}
        />
        <span id={`${id}-${name}-source`} className="school-field-source">
          {fromDistrict ?? 'this school’s'}
        </span>
      </div>
    );
  };
  return (
    <li className={meeting.dropped ? 'school-meeting dropped' : 'school-meeting'}>
      <div className="school-meeting-head">
        <h4>{district.meeting}</h4>
        <span className={meeting.requirement === 'all-schools' ? 'badge required' : 'badge'}>{meeting.requirement === 'all-schools' ? 'Every school' : 'Optional'}</span>
        <span className="school-link">From the district calendar</span>
      </div>
      {district.topics !== '' && <p className="school-topics">{district.topics}</p>}
      {meeting.requirement === 'optional' && (
        <label className="inline-check">
          <input type="checkbox" checked={meeting.dropped} disabled={readOnly} onChange={(event) => writeDropped(doc, district.rowId, event.currentTarget.checked)} /> Not held at this school
        </label>
      )}
      {!meeting.dropped && (
        <div className="school-fields">
          {field('owner', 'text')}
          {field('time', 'time')}
          {field('firstDate', 'date')}
        </div>
      )}
      <p className="school-status" role="status">
        {meeting.dropped ? 'Dropped at this school.' : meeting.scheduled ? 'Scheduled.' : 'Not scheduled yet: give it a first date.'}
      </p>
    </li>
  );
}
