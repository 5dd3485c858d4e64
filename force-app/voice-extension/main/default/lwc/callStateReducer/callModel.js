// Generated from callModel.ts by `npm run build`. Do not edit: change the .ts and rebuild.
export const CALL_PHASES = ['ringing', 'connected', 'onHold', 'ended', 'afterCallWork', 'done'];
/** Order of phases: a call never moves to a lower rank. */
export const PHASE_RANK = {
    ringing: 0,
    connected: 1,
    onHold: 1,
    ended: 2,
    afterCallWork: 2,
    done: 3
};
