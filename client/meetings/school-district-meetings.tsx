import { useId, useMemo } from 'react';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import {
  adaptDistrictMeetings,
  formatShortMeetingDate,
  readCalendarMeetings,
  schoolMeetingAsCalendarMeeting,
  type SchoolMeeting,
} from '#core/meetings';
import {
  readAdaptation,
  readSchoolPlan,
  readTable,
  writeAdaptation,
  writeDropped,
  type AdaptationField,
  type DistrictCalendarLink,
} from '#core/schema';
import { MEETINGS_SECTION_ID } from '#core/templates';
import { useFollowUpDocuments } from '../follow-ups/follow-up-documents.ts';
import { OccurrenceDates, type OccurrenceContext } from './occurrence-dates.tsx';
import { SchoolOwnerField } from './school-owner-field.tsx';
import { useDocChanges } from './use-doc-changes.ts';
import { SettledInput } from '../editor/cells/settled-input.tsx';

interface SchoolDistrictMeetingsProps {
  readonly doc: Y.Doc;
  readonly link: DistrictCalendarLink;
  readonly token: string;
  readonly readOnly: boolean;
  /** The school calendar's dates and opener: a kept district meeting opens on the school's dates (M7). */
  readonly context: OccurrenceContext;
}

/**
 * On a school's calendar: the district's meetings, read live from the district calendar (a
 * change there shows here at once, marked as the district's), with the school's own owner, time
 * and first date, and optional meetings it can drop. Nothing of the district's is copied.
 */
export function SchoolDistrictMeetings({
  doc,
  link,
  token,
  readOnly,
  context,
}: SchoolDistrictMeetingsProps) {
  const headingId = useId();
  useDocChanges(doc);
  const district = useMemo(
    () => [{ id: link.calendarId, title: '', template: 'meeting-calendar', updatedAt: '' }],
    [link.calendarId],
  );
  const [opened] = useFollowUpDocuments(district, token);
  const districtDoc = opened?.session.doc ?? null;
  const table =
    districtDoc === null ? null : (readTable(districtDoc, MEETINGS_SECTION_ID)?.value ?? null);
  const meetings =
    table === null
      ? []
      : adaptDistrictMeetings(
          readCalendarMeetings(table).filter(
            (meeting) => meeting.meeting !== '' && meeting.meeting !== 'Other:',
          ),
          readSchoolPlan(districtDoc!),
          (rowId) => readAdaptation(doc, rowId),
        );

  return (
    <section className="school-district-meetings" aria-labelledby={headingId}>
      <h3 id={headingId}>Meetings from the district calendar</h3>
      <p className="lede">
        Kept in step with{' '}
        <Link href={`/d/${link.calendarId}`}>{opened?.title || 'the district calendar'}</Link>: a
        change the district makes shows here at once. {link.school} sets its own owner, time and
        first date, and may drop the optional ones.
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
            <SchoolMeetingItem
              key={meeting.district.rowId}
              doc={doc}
              meeting={meeting}
              readOnly={readOnly}
              context={context}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

const FIELD_LABELS: Readonly<Record<AdaptationField, string>> = {
  owner: 'Owner',
  time: 'Time',
  firstDate: 'First date',
};

function SchoolMeetingItem({
  doc,
  meeting,
  readOnly,
  context,
}: {
  readonly doc: Y.Doc;
  readonly meeting: SchoolMeeting;
  readonly readOnly: boolean;
  readonly context: OccurrenceContext;
}) {
  const id = useId();
  const { district } = meeting;
  const field = (name: AdaptationField) => {
    const value = meeting[name];
    const fromDistrict = value.own
      ? null
      : value.value === ''
        ? 'not set by the district'
        : `the district’s: ${name === 'firstDate' ? formatShortMeetingDate(value.value) : value.value}`;
    const fieldId = `${id}-${name}`;
    const sourceId = `${fieldId}-source`;
    const locked = readOnly || meeting.dropped;
    return (
      <div className="school-field">
        <label htmlFor={fieldId}>{FIELD_LABELS[name]}</label>
        {name === 'owner' ? (
          <SchoolOwnerField
            id={fieldId}
            doc={doc}
            rowId={district.rowId}
            shown={value.own ? value.value : ''}
            placeholder={district.owner}
            readOnly={locked}
            describedBy={sourceId}
          />
        ) : (
          <SettledInput
            id={fieldId}
            type={name === 'time' ? 'time' : 'date'}
            stored={value.own ? value.value : ''}
            readOnly={locked}
            aria-describedby={sourceId}
            onCommit={(next) => {
              writeAdaptation(
                doc,
                district.rowId,
                name,
                name === 'time' ? (next?.slice(0, 5) ?? null) : next,
              );
              return null;
            }}
          />
        )}
        <span id={sourceId} className="school-field-source">
          {fromDistrict ?? 'this school’s'}
        </span>
      </div>
    );
  };
  const schoolMeeting = schoolMeetingAsCalendarMeeting(meeting);
  return (
    <li className={meeting.dropped ? 'school-meeting dropped' : 'school-meeting'}>
      <div className="school-meeting-head">
        <h4>{district.meeting}</h4>
        <span className={meeting.requirement === 'all-schools' ? 'badge required' : 'badge'}>
          {meeting.requirement === 'all-schools' ? 'Every school' : 'Optional'}
        </span>
        <span className="school-link">From the district calendar</span>
      </div>
      {district.topics !== '' && <p className="school-topics">{district.topics}</p>}
      {meeting.requirement === 'optional' && (
        <label className="inline-check">
          <input
            type="checkbox"
            checked={meeting.dropped}
            disabled={readOnly}
            onChange={(event) => writeDropped(doc, district.rowId, event.currentTarget.checked)}
          />{' '}
          Not held at this school
        </label>
      )}
      {!meeting.dropped && (
        <div className="school-fields">
          {field('owner')}
          {field('time')}
          {field('firstDate')}
        </div>
      )}
      <p className="school-status" role="status">
        {meeting.dropped
          ? 'Dropped at this school.'
          : meeting.scheduled
            ? 'Scheduled.'
            : 'Not scheduled yet: give it a first date.'}
      </p>
      {schoolMeeting.schedule !== null && (
        <OccurrenceDates
          meeting={{ ...schoolMeeting, schedule: schoolMeeting.schedule }}
          context={context}
        />
      )}
    </li>
  );
}
