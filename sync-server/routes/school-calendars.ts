import { Hono } from 'hono';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { fillSchoolCalendar, schoolCalendarTitle } from '#core/meetings';
import {
  addSchoolCalendar,
  initializeDocument,
  readDistrictCalendarLink,
  readTable,
} from '#core/schema';
import { MEETINGS_SECTION_ID } from '#core/templates';
import { documentMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { createRecordId } from './ids.ts';
import { jsonBody, requiredText } from './json-body.ts';

const NewSchoolCalendar = z.object({ school: requiredText('school', 120) });

/**
 * `POST /api/documents/:doc/school-calendars` `{school}` (editor): "Adapt for a school". Creates
 * the school's calendar, tied to district calendar `:doc`, and lists it on the district calendar
 * so the district sees which schools have each meeting scheduled. 201 `{id, title}`.
 */
export function schoolCalendarRoutes(store: DocumentStore, relay: Relay) {
  return new Hono().post(
    '/api/documents/:doc/school-calendars',
    documentMember(store, 'editor'),
    jsonBody(NewSchoolCalendar, '{"school": "Lincoln Elementary"}'),
    async (c) => {
      const district = c.get('document');
      const { school } = c.req.valid('json');
      const current = new Y.Doc();
      Y.applyUpdate(current, await relay.readState(district.id));
      const isCalendar = readTable(current, MEETINGS_SECTION_ID) !== null;
      const alreadySchool = readDistrictCalendarLink(current) !== null;
      current.destroy();
      if (!isCalendar)
        throw new HTTPException(400, {
          message: 'This document has no meetings table: adapt a meeting calendar.',
        });
      if (alreadySchool)
        throw new HTTPException(400, {
          message: "This is already a school's calendar: adapt the district's calendar instead.",
        });

      const id = createRecordId();
      const title = schoolCalendarTitle(school);
      const createdAt = new Date().toISOString();
      const doc = new Y.Doc();
      const made = initializeDocument(
        doc,
        { title, template: 'meeting-calendar', createdAt },
        (fresh) => fillSchoolCalendar(fresh, { calendarId: district.id, school }),
      );
      if (!made.ok) throw new HTTPException(500, { message: made.message });
      await store.createDocument(
        {
          id,
          workspaceId: district.workspaceId,
          title,
          template: 'meeting-calendar',
          createdAt,
          updatedAt: createdAt,
        },
        Y.encodeStateAsUpdate(doc),
      );
      doc.destroy();
      await relay.applyServerChange(district.id, (districtDoc) =>
        addSchoolCalendar(districtDoc, id, school),
      );
      return c.json({ id, title }, 201);
    },
  );
}
