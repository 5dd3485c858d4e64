import { VoiceChannel } from 'c/voiceChannel';
import {
    APPLICATION_SCOPE,
    publish,
    resetMessageService,
    subscribe,
    subscriberCount,
    unsubscribe
} from 'lightning/messageService';
import VOICE_CHANNEL from '@salesforce/messageChannel/ServiceCloudVoiceMessageChannel__c';

describe('c/voiceChannel', () => {
    afterEach(() => resetMessageService());

    it('subscribes once, with application scope, and hears what is published', () => {
        const context = {};
        const heard = jest.fn();
        const channel = new VoiceChannel(() => context, heard);
        channel.open();
        channel.open();
        expect(subscribe).toHaveBeenCalledTimes(1);
        expect(subscribe).toHaveBeenCalledWith(context, VOICE_CHANNEL, expect.any(Function), {
            scope: APPLICATION_SCOPE
        });
        expect(subscriberCount(VOICE_CHANNEL)).toBe(1);

        channel.publish({ type: 'callStateRequest' });
        expect(publish).toHaveBeenCalledWith(context, VOICE_CHANNEL, { type: 'callStateRequest' });
        expect(heard).toHaveBeenCalledWith({ type: 'callStateRequest' });
    });

    it('unsubscribes on close and can open again', () => {
        const heard = jest.fn();
        const channel = new VoiceChannel(() => undefined, heard);
        channel.close(); // closing a channel never opened is harmless
        channel.open();
        channel.close();
        expect(unsubscribe).toHaveBeenCalledTimes(2);
        expect(subscriberCount(VOICE_CHANNEL)).toBe(0);
        channel.publish({ type: 'callState' });
        expect(heard).not.toHaveBeenCalled();
        channel.open();
        expect(subscriberCount(VOICE_CHANNEL)).toBe(1);
    });
});
