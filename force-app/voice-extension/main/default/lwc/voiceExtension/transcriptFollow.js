// Generated from transcriptFollow.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// Whether the live transcript follows new lines. It does, until the agent scrolls up to read; then it stays where
// the agent is, counts the lines that arrived since, and offers "Jump to latest". Scrolling back to the bottom, or
// the button, follows again. A new call starts following.
//
// Pure: the component feeds it the transcript's scroll metrics and line keys, and scrolls when it says `following`.
/** Within this many pixels of the bottom counts as at the bottom: less than one transcript line. */
export const FOLLOW_THRESHOLD_PX = 16;
export const INITIAL_FOLLOW = { callId: null, following: true, lastSeenKey: null };
/** At (or within the threshold of) the bottom. Without a layout (no numbers), it counts as at the bottom. */
export function isAtBottom(m, threshold = FOLLOW_THRESHOLD_PX) {
    const { scrollTop, scrollHeight, clientHeight } = m;
    if (![scrollTop, scrollHeight, clientHeight].every(Number.isFinite)) return true;
    return scrollHeight - clientHeight - scrollTop <= threshold;
}
/** The newest line's key, or null for an empty transcript. */
export const newestKey = (keys) => keys[keys.length - 1] ?? null;
function seenUpTo(state, key, following) {
    return state.following === following && state.lastSeenKey === key
        ? state
        : { callId: state.callId, following, lastSeenKey: key };
}
/** The transcript changed (a line, another call): a new call follows; a following transcript has seen it all. */
export function onLines(state, callId, keys) {
    if (callId !== state.callId) return { callId, following: true, lastSeenKey: newestKey(keys) };
    return state.following ? seenUpTo(state, newestKey(keys), true) : state;
}
/** The agent scrolled: away from the bottom pauses, back to the bottom follows again. */
export function onScroll(state, metrics, keys) {
    return isAtBottom(metrics) ? seenUpTo(state, newestKey(keys), true) : seenUpTo(state, state.lastSeenKey, false);
}
/** "Jump to latest": follow again from the newest line. */
export function jumpToLatest(state, keys) {
    return seenUpTo(state, newestKey(keys), true);
}
/**
 * Lines that arrived since the agent scrolled up. When the line they last saw has been dropped from the transcript
 * (it holds only its last n lines), every line held is new to them.
 */
export function unseenCount(state, keys) {
    if (state.following) return 0;
    if (state.lastSeenKey === null) return keys.length;
    const at = keys.lastIndexOf(state.lastSeenKey);
    return at < 0 ? keys.length : keys.length - 1 - at;
}
/** The button's name: what it does, and how much there is to catch up on. */
export function jumpLabel(unseen) {
    if (unseen <= 0) return 'Jump to latest';
    return `Jump to latest (${unseen} new ${unseen === 1 ? 'line' : 'lines'})`;
}
