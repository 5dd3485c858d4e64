// Generated from toolkitActions.ts by `npm run build`. Do not edit: change the .ts and rebuild.
export const ACTION_LABELS = {
    mute: 'Mute',
    unmute: 'Unmute',
    holdCaller: 'Hold caller',
    resumeCaller: 'Resume caller',
    holdThirdParty: 'Hold third party',
    resumeThirdParty: 'Resume third party',
    merge: 'Merge',
    swap: 'Swap',
    pauseRecording: 'Pause recording',
    resumeRecording: 'Resume recording',
    endCall: 'End call',
    removeThirdParty: 'Drop third party',
    removeCaller: 'Drop caller',
    sendDigits: 'Send digits'
};
export function isToolkitAction(value) {
    return (
        typeof value === 'string' &&
        value !== 'sendDigits' &&
        Object.prototype.hasOwnProperty.call(ACTION_LABELS, value)
    );
}
/** Calls the Toolkit method behind an action; returns whatever the platform returned (undocumented). */
export function runToolkitAction(toolkit, action) {
    switch (action) {
        case 'mute':
            return toolkit.mute();
        case 'unmute':
            return toolkit.unmute();
        case 'holdCaller':
            return toolkit.hold('Initial_Caller');
        case 'resumeCaller':
            return toolkit.resume('Initial_Caller');
        case 'holdThirdParty':
            return toolkit.hold('Third_Party');
        case 'resumeThirdParty':
            return toolkit.resume('Third_Party');
        case 'merge':
            return toolkit.merge();
        case 'swap':
            return toolkit.swap();
        case 'pauseRecording':
            return toolkit.pauseRecording();
        case 'resumeRecording':
            return toolkit.resumeRecording();
        case 'endCall':
            return toolkit.endCall();
        case 'removeThirdParty':
            return toolkit.endCall('Third_Party');
        case 'removeCaller':
            return toolkit.endCall('Initial_Caller');
        default:
            throw new Error(`unknown action ${String(action)}`);
    }
}
/** When a Toolkit call returned a promise, its rejection must still reach the agent. */
export function onRejected(result, report) {
    if (result && typeof result.then === 'function') {
        result.then(undefined, report);
    }
}
