import { z } from 'zod';
import { callbackRegistry, defineCallback, field, optional, positional } from './callback-data';

/**
 * Every kind of button data, in one place: the prefixes and field layouts below are what
 * messages already sent carry, so they never change (see `callback-data.ts`). The handlers still
 * check the contact's rights and the stored state: well-formed data can be forged too.
 */

/** Round ids and unit codes hold no ':' (round-calendar.ts, units-file.ts). */
const ROUND_ID = field(z.string().regex(/^[^\s:]{1,60}$/));
const UNIT_CODE = field(z.string().regex(/^[^\s:]{1,60}$/));
/** `<platform>:<user id>`: holds a ':', so it is always a kind's last field. */
const CONTACT_ID = field(z.string().regex(/^[a-z]{2,10}:[^\s]{1,50}$/));
const VERSION = field(
  z
    .string()
    .regex(/^[0-9]{1,6}$/)
    .transform(Number),
  String,
);
const YES_NO = field(z.enum(['y', 'n']));

export const CALLBACKS = callbackRegistry({
  /** A flow engine button: the engine's own token (`a:<question>:<n>`, `r`, …), checked by the engine against its state. */
  flow: positional('f', { token: field(z.string().regex(/^[\x21-\x7e]{1,62}$/)) }),
  /** Choose (or continue) a round's report: the report journey, reminders and ad-hoc request notices. */
  chooseRound: positional('r', { roundId: ROUND_ID }),
  /** "Submit the report?" yes/no. */
  confirmSubmit: positional('n', { choice: YES_NO }),

  // The secretariat's tools.
  /** `/tinhhinh` for a round. */
  board: positional('st', { roundId: ROUND_ID }),
  /** A unit's report (a given version, else the latest). */
  viewReport: positional('sv', { roundId: ROUND_ID, unitCode: UNIT_CODE, version: optional(VERSION) }),
  /** Return a report: asks the reason. The version on screen, so a newer submission is not returned unseen. */
  returnAsk: positional('sr', { roundId: ROUND_ID, unitCode: UNIT_CODE, version: optional(VERSION) }),
  /** Return the report with the reason given (the pending state holds which one). */
  returnConfirm: positional('sc', { choice: YES_NO }),
  /** Accept a report (the version on screen). */
  accept: positional('sa', { roundId: ROUND_ID, unitCode: UNIT_CODE, version: optional(VERSION) }),
  /** One unit's report as a Word file. */
  unitWord: positional('sw', { roundId: ROUND_ID, unitCode: UNIT_CODE }),
  /** A round's exports (`sx:<round>`), or the Word files of every submitted unit (`sx:u:<round>`). */
  exports: defineCallback('sx', {
    schema: z.object({ roundId: ROUND_ID.schema, unitReports: z.boolean() }),
    write: ({ roundId, unitReports }) => (unitReports ? ['u', roundId] : [roundId]),
    read: (parts) =>
      parts.length === 2 && parts[0] === 'u'
        ? { roundId: parts[1], unitReports: true }
        : parts.length === 1
          ? { roundId: parts[0], unitReports: false }
          : null,
  }),
  /** `/nhac` for a round. */
  remind: positional('sn', { roundId: ROUND_ID }),
  /** A choice of the ad-hoc request wizard: stands for typing the number. */
  requestWizard: positional('sy', { value: field(z.string().regex(/^[0-9]{1,2}$/)) }),
  /** A unit's details and contacts. */
  unitOpen: positional('su', { unitCode: UNIT_CODE }),
  /** A new invitation for a unit. */
  unitInvite: positional('si', { unitCode: UNIT_CODE }),
  /** Deactivate a contact: asks first. */
  contactDeactivate: positional('sd', { contactId: CONTACT_ID }),
  /** The answer to "deactivate this contact?". */
  contactDeactivateConfirm: positional('sk', { choice: YES_NO, contactId: CONTACT_ID }),
});

export type CallbackName = keyof typeof CALLBACKS;
