import { AGENT_MESSAGES, asSentence, describeError } from '../agentErrors';

const LOCK_DML =
    'Update failed. First exception on row 0 with id 0LQ000000000001AAA; first error: UNABLE_TO_LOCK_ROW, unable to obtain exclusive access to this record or 1 records: 0LQ000000000001AAA: []';
const networkError = () => new TypeError('Failed to fetch');
const safariNetworkError = () => new TypeError('Load failed');
const WRAP_UP = { failed: 'Wrap-up not saved.', notesKept: true };
const LOOKUP = { failed: 'The caller could not be looked up.', access: 'read' };

// [case, error, context, kind, message, detail (a part of it; '' for none)]
const CASES = [
    // a locked row, as Apex's DmlException, the UI API, and the controller's own "not saved" wrapper
    [
        'DML lock in an Apex body',
        { status: 500, body: { message: LOCK_DML, exceptionType: 'System.DmlException' } },
        WRAP_UP,
        'locked',
        `Wrap-up not saved. ${AGENT_MESSAGES.locked} Your notes are kept.`,
        'System.DmlException: Update failed.'
    ],
    [
        'lock in a UI API error list',
        { status: 400, body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' }] },
        {},
        'locked',
        AGENT_MESSAGES.locked,
        'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access'
    ],
    [
        'lock as the controller words it (message only, no code)',
        {
            body: {
                message:
                    'The wrap-up was not saved: unable to obtain exclusive access to this record or 1 records: 0LQ000000000001AAA'
            }
        },
        WRAP_UP,
        'locked',
        `Wrap-up not saved. ${AGENT_MESSAGES.locked} Your notes are kept.`,
        'unable to obtain exclusive access'
    ],
    [
        'lock in pageErrors (record form shape)',
        { body: { output: { errors: [] }, pageErrors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }] } },
        {},
        'locked',
        AGENT_MESSAGES.locked,
        'UNABLE_TO_LOCK_ROW: locked'
    ],
    // no access
    [
        'INSUFFICIENT_ACCESS_OR_READONLY from DML',
        {
            body: {
                message:
                    'Update failed. First exception on row 0; first error: INSUFFICIENT_ACCESS_OR_READONLY, insufficient access rights on object id: []'
            }
        },
        WRAP_UP,
        'noAccess',
        `Wrap-up not saved. ${AGENT_MESSAGES.noAccessChange} Your notes are kept.`,
        'INSUFFICIENT_ACCESS_OR_READONLY'
    ],
    [
        'NoAccessException as the exception type',
        { body: { message: 'Operation failed', exceptionType: 'System.NoAccessException' } },
        {},
        'noAccess',
        AGENT_MESSAGES.noAccessChange,
        'System.NoAccessException: Operation failed'
    ],
    [
        'no access to the Apex class, while reading',
        { body: { message: "You do not have access to the Apex class named 'VoiceExtensionController'." } },
        LOOKUP,
        'noAccess',
        `The caller could not be looked up. ${AGENT_MESSAGES.noAccessRead}`,
        'VoiceExtensionController'
    ],
    ['HTTP 403', { status: 403, body: null }, {}, 'noAccess', AGENT_MESSAGES.noAccessChange, 'HTTP status 403'],
    // no connection
    [
        'fetch TypeError (Chrome)',
        networkError(),
        WRAP_UP,
        'offline',
        `Wrap-up not saved. ${AGENT_MESSAGES.offline}`,
        'TypeError: Failed to fetch'
    ],
    ['fetch TypeError (Safari)', safariNetworkError(), {}, 'offline', AGENT_MESSAGES.offline, 'TypeError: Load failed'],
    [
        'status 0',
        { status: 0, statusText: '', body: null },
        LOOKUP,
        'offline',
        `The caller could not be looked up. ${AGENT_MESSAGES.offline}`,
        'HTTP status 0'
    ],
    [
        'the browser is offline, whatever the error says',
        { body: { message: 'Something odd' } },
        { online: false },
        'offline',
        AGENT_MESSAGES.offline,
        'Something odd'
    ],
    // the server's own sentence
    [
        "the controller's sentence",
        { body: { message: 'Notes are limited to 32000 characters; shorten them by 5.' } },
        WRAP_UP,
        'server',
        'Wrap-up not saved. Notes are limited to 32000 characters; shorten them by 5. Your notes are kept.',
        ''
    ],
    [
        'a sentence that already says what failed and that the notes are kept',
        {
            body: {
                message:
                    'No call record with vendor call key VCK-1 is visible to you yet. The telephony system creates it; your notes are kept, try saving again in a moment.'
            }
        },
        WRAP_UP,
        'server',
        'Wrap-up not saved. No call record with vendor call key VCK-1 is visible to you yet. The telephony system creates it; your notes are kept, try saving again in a moment.',
        ''
    ],
    [
        'a sentence that says it was not saved gets no second lead',
        { body: { message: 'The wrap-up was not saved: Disposition needs notes' } },
        WRAP_UP,
        'server',
        'The wrap-up was not saved: Disposition needs notes. Your notes are kept.',
        ''
    ],
    [
        "a validation rule's message, out of the DML text",
        {
            body: {
                message:
                    'Update failed. First exception on row 0; first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, Add notes for a callback: []',
                exceptionType: 'System.DmlException'
            }
        },
        WRAP_UP,
        'server',
        'Wrap-up not saved. Add notes for a callback. Your notes are kept.',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    ],
    [
        "a field's validation rule (record form shape)",
        {
            body: {
                output: {
                    errors: [],
                    fieldErrors: {
                        Description: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Add notes' }]
                    }
                }
            }
        },
        {},
        'server',
        'Add notes.',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION: Add notes'
    ],
    [
        'a field error with no sentence',
        {
            body: {
                fieldErrors: {
                    Disposition__c: [{ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Gone: X' }]
                }
            }
        },
        WRAP_UP,
        'unknown',
        `Wrap-up not saved. ${AGENT_MESSAGES.unknown} Your notes are kept.`,
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Gone: X'
    ],
    [
        'a plain JS error with a sentence, outside the Toolkit',
        new Error('No access to VoiceCall'),
        { failed: 'Dispositions could not be loaded.', access: 'read' },
        'server',
        'Dispositions could not be loaded. No access to VoiceCall.',
        ''
    ],
    // not a sentence: a generic message, the raw text under Details
    [
        'an internal server error',
        { body: { message: 'An internal server error has occurred Error ID: 1234-5678 (-99)' } },
        LOOKUP,
        'unknown',
        `The caller could not be looked up. ${AGENT_MESSAGES.unknown}`,
        'Error ID: 1234-5678'
    ],
    [
        'a code as the message',
        { body: [{ errorCode: 'NOT_FOUND', message: 'NOT_FOUND' }] },
        {},
        'unknown',
        AGENT_MESSAGES.unknown,
        'NOT_FOUND: NOT_FOUND'
    ],
    [
        'a code with a sentence: the sentence, the code under Details',
        { body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] },
        {},
        'server',
        'TotalRequests Limit exceeded.',
        'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.'
    ],
    [
        'a stack trace',
        { body: { message: 'Attempt to de-reference a null object', stackTrace: 'Class.X.y: line 1' } },
        { failed: 'Wrap-up not saved.' },
        'server',
        'Wrap-up not saved. Attempt to de-reference a null object.',
        ''
    ],
    ['null', null, {}, 'unknown', AGENT_MESSAGES.unknown, ''],
    ['an empty Apex body', { body: {} }, {}, 'unknown', AGENT_MESSAGES.unknown, '{"body":{}}'],
    ['an object with an unknown shape', { code: 7 }, {}, 'unknown', AGENT_MESSAGES.unknown, '{"code":7}'],
    ['a word', 'nope', {}, 'unknown', AGENT_MESSAGES.unknown, 'nope']
];

describe('describeError', () => {
    it.each(CASES)('%s', (_, error, context, kind, message, detail) => {
        const described = describeError(error, context);
        expect(described.kind).toBe(kind);
        expect(described.message).toBe(message);
        expect(detail ? described.detail.includes(detail) : described.detail === '').toBe(true);
        // the raw codes never reach the sentence the agent reads
        expect(described.message).not.toMatch(/[A-Z]+_[A-Z]+|Exception|TypeError|HTTP/);
    });

    it('keeps the detail short', () => {
        const described = describeError({ body: { message: `CODE_X ${'x'.repeat(2000)}` } });
        expect(described.detail.length).toBeLessThanOrEqual(600);
        expect(described.detail.endsWith('…')).toBe(true);
    });

    it('never throws, even on an error that cannot be read', () => {
        const circular = {};
        circular.self = circular;
        expect(describeError(circular).message).toBe(AGENT_MESSAGES.unknown);
        const hostile = {
            get body() {
                return undefined;
            },
            name: 'Error',
            message: 'Plain words here'
        };
        expect(describeError(hostile).message).toBe('Plain words here.');
    });
});

describe('asSentence', () => {
    it.each([
        ['lower case first letter', 'record was deleted', 'Record was deleted.'],
        ['keeps its own full stop', 'Try again.', 'Try again.'],
        ['one word', 'Failed', null],
        ['starts with a digit', '500 Internal', null],
        ['a code', 'Duplicate DUPLICATE_VALUE found', null],
        ['too long', `A ${'very '.repeat(80)}long text`, null],
        ['empty', '  ', null],
        ['null', null, null]
    ])('%s', (_, text, expected) => {
        expect(asSentence(text)).toBe(expected);
    });
});
