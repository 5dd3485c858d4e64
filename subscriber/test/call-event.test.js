import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describe, toCallEvent } from '../src/call-event.js';
import { readReplayId, writeReplayId } from '../src/replay-file.js';

test('a decoded event becomes the webhook body; blanks become null, dates ISO 8601', () => {
    const event = toCallEvent({
        id: 'a6d7c1e0-0000-4000-8000-000000000001',
        replayId: 1042,
        payload: {
            CreatedDate: 1764666000000,
            CreatedById: '005000000000001AAA',
            Event_Type__c: 'WrappedUp',
            Voice_Call_Id__c: '0LQ000000000001AAA',
            Vendor_Call_Key__c: 'vck-1',
            Related_Record_Id__c: null,
            Disposition__c: 'Follow_Up_Required',
            Call_Type__c: '',
            Occurred_At__c: 1764666001000n
        }
    });
    assert.deepEqual(event, {
        eventType: 'WrappedUp',
        voiceCallId: '0LQ000000000001AAA',
        vendorCallKey: 'vck-1',
        relatedRecordId: null,
        disposition: 'Follow_Up_Required',
        callType: null,
        occurredAt: '2025-12-02T09:00:01.000Z',
        publishedAt: '2025-12-02T09:00:00.000Z',
        replayId: '1042',
        eventId: 'a6d7c1e0-0000-4000-8000-000000000001'
    });
    assert.equal(
        describe(event),
        '2025-12-02T09:00:01.000Z WrappedUp call 0LQ000000000001AAA, key vck-1, disposition Follow_Up_Required, replay 1042'
    );
});

test('an event type this version does not know is still forwarded, and said so', () => {
    const event = toCallEvent({ replayId: 7, payload: { Event_Type__c: 'OnHold' } });
    assert.equal(event.eventType, 'OnHold');
    assert.match(describe(event), /\(unknown event type, forwarded as is\)/);
});

test('the replay file: absent means none yet, garbage is refused, writes replace the number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-replay-'));
    const file = join(dir, 'last.replay');
    assert.equal(readReplayId(file), null);
    writeReplayId(file, 1_000);
    writeReplayId(file, 1_007);
    assert.equal(readReplayId(file), 1_007);
    writeFileSync(file, 'not a number');
    assert.throws(() => readReplayId(file), /does not hold a replay ID \("not a number"\); delete it/);
});
