// The org stand-in keeps its records in SQLite: VoiceCalls, transcripts and wrap-ups survive a restart (the file
// closed and opened again), and clearing empties them, in memory and on disk.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, it } from 'node:test';
import type { StreamEvent } from '../src/api.js';
import { RecordsStore } from '../src/org/records-store.js';
import { addTranscriptMessage, createVoiceCall, startOrg, telephonyApi, tempDir } from './org-helpers.js';

const dir = tempDir('records');
after(() => dir.remove());

it('keeps VoiceCalls, transcripts and wrap-ups across a restart of the stand-in, and clear empties them', async () => {
    const file = join(dir.path, 'records.sqlite');
    const first = await startOrg(file);
    const events: StreamEvent[] = [];
    first.onEvent((event) => events.push(event));
    const id = await createVoiceCall(first, 'call-1', '+14155550100');
    assert.equal((await addTranscriptMessage(first, 'call-1', 'm-1', 'Hello, my router keeps rebooting')).status, 200);
    assert.equal(
        (
            await telephonyApi(first, 'PATCH', '/voiceCalls/call-1', {
                endTime: new Date().toISOString(),
                isActiveCall: false
            })
        ).status,
        200
    );
    first.apex('VoiceExtensionController', 'saveWrapUp', {
        vendorCallKey: 'call-1',
        disposition: 'Resolved',
        notes: 'Replaced the power supply'
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(
        events.find((event) => event.type === 'transcript'),
        {
            type: 'transcript',
            vendorCallKey: 'call-1',
            messageId: 'm-1',
            speaker: 'customer',
            text: 'Hello, my router keeps rebooting',
            at: (events.find((event) => event.type === 'transcript') as { at: number }).at
        }
    );
    const before = first.records();
    assert.ok(events.some((event) => event.type === 'records' && event.version === before.version));
    await first.close();

    const second = await startOrg(file);
    const after = second.records();
    assert.deepEqual(after, before, 'the same records after the restart');
    const [call] = after.voiceCalls;
    assert.equal(call?.id, id);
    assert.equal(call?.isActive, false);
    assert.deepEqual(call?.wrapUp, { disposition: 'Resolved', notes: 'Replaced the power supply' });
    assert.deepEqual(
        call?.transcript.map((line) => line.text),
        ['Hello, my router keeps rebooting']
    );
    // The restored emulator still knows the message (idempotent) and gives new calls new Ids.
    assert.equal((await addTranscriptMessage(second, 'call-1', 'm-1', 'Hello, my router keeps rebooting')).status, 200);
    assert.equal(second.records().voiceCalls[0]?.transcript.length, 1);
    assert.notEqual(await createVoiceCall(second, 'call-2', '+14155550100'), id);

    const cleared = second.clear();
    assert.deepEqual(cleared.voiceCalls, []);
    assert.ok(cleared.version > after.version, 'the version moves on, never back');
    await second.close();

    const third = await startOrg(file);
    assert.deepEqual(third.records().voiceCalls, [], 'cleared on disk too');
    await third.close();
});

it('the store on its own: WAL, one version per change, clear', () => {
    const store = RecordsStore.open(join(dir.path, 'store.sqlite'));
    const start = store.version;
    store.saveWrapUp('0LQWt0000000001OAA', 'Escalated', null, 1);
    assert.equal(store.version, start + 1);
    assert.deepEqual(store.wrapUps().get('0LQWt0000000001OAA'), { disposition: 'Escalated', notes: null, savedAt: 1 });
    store.clear();
    assert.equal(store.wrapUps().size, 0);
    assert.equal(store.version, start + 2);
    store.close();
    const again = RecordsStore.open(join(dir.path, 'store.sqlite'));
    assert.equal(again.version, start + 2, 'the version is kept too');
    again.close();
});
