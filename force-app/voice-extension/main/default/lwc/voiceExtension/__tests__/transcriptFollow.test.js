import {
    FOLLOW_THRESHOLD_PX,
    INITIAL_FOLLOW,
    isAtBottom,
    jumpLabel,
    jumpToLatest,
    newestKey,
    onLines,
    onScroll,
    unseenCount
} from '../transcriptFollow';

// 1000 px of lines in a 200 px box: the bottom is at scrollTop 800.
const box = (scrollTop, scrollHeight = 1000, clientHeight = 200) => ({ scrollTop, scrollHeight, clientHeight });

describe('isAtBottom', () => {
    it.each([
        ['at the bottom', box(800), true],
        ['just within the threshold', box(800 - FOLLOW_THRESHOLD_PX), true],
        ['a fraction off (zoomed browsers)', box(799.5), true],
        ['just past the threshold', box(800 - FOLLOW_THRESHOLD_PX - 1), false],
        ['scrolled to the top', box(0), false],
        ['content shorter than the box', box(0, 150, 200), true],
        ['no layout at all', box(0, 0, 0), true],
        ['numbers missing', { scrollTop: undefined, scrollHeight: 1000, clientHeight: 200 }, true],
        ['scrolled past the end (rubber band)', box(820), true]
    ])('%s', (_, metrics, expected) => {
        expect(isAtBottom(metrics)).toBe(expected);
    });

    it('takes another threshold', () => {
        expect(isAtBottom(box(750), 50)).toBe(true);
        expect(isAtBottom(box(749), 50)).toBe(false);
    });
});

describe('following the transcript', () => {
    const start = onLines(INITIAL_FOLLOW, 'CALL-1', ['a', 'b']);

    it('follows a new call from its newest line', () => {
        expect(start).toEqual({ callId: 'CALL-1', following: true, lastSeenKey: 'b' });
        expect(onLines(start, 'CALL-1', ['a', 'b', 'c']).lastSeenKey).toBe('c');
        expect(onLines(start, 'CALL-1', ['a', 'b'])).toBe(start); // nothing new: the same state, no re-render
    });

    it('pauses when the agent scrolls up, counts what arrives, and jumps back', () => {
        const reading = onScroll(start, box(300), ['a', 'b']);
        expect(reading.following).toBe(false);
        expect(unseenCount(reading, ['a', 'b'])).toBe(0);

        const later = onLines(reading, 'CALL-1', ['a', 'b', 'c', 'd']);
        expect(later).toBe(reading); // paused: new lines change nothing but the count
        expect(unseenCount(later, ['a', 'b', 'c', 'd'])).toBe(2);
        expect(onScroll(later, box(310), ['a', 'b', 'c', 'd'])).toBe(later); // still reading

        const jumped = jumpToLatest(later, ['a', 'b', 'c', 'd']);
        expect(jumped).toEqual({ callId: 'CALL-1', following: true, lastSeenKey: 'd' });
        expect(unseenCount(jumped, ['a', 'b', 'c', 'd', 'e'])).toBe(0);
    });

    it('follows again when the agent scrolls back to the bottom', () => {
        const reading = onScroll(start, box(0), ['a', 'b']);
        const back = onScroll(reading, box(800), ['a', 'b', 'c']);
        expect(back).toEqual({ callId: 'CALL-1', following: true, lastSeenKey: 'c' });
    });

    it('counts every held line as new once the last one seen has been dropped', () => {
        const reading = onScroll(start, box(0), ['a', 'b']);
        expect(unseenCount(reading, ['c', 'd', 'e'])).toBe(3);
        expect(unseenCount({ ...reading, lastSeenKey: null }, ['c', 'd'])).toBe(2);
    });

    it('starts following again when another call comes', () => {
        const reading = onScroll(start, box(0), ['a', 'b']);
        expect(onLines(reading, 'CALL-2', [])).toEqual({ callId: 'CALL-2', following: true, lastSeenKey: null });
        expect(onLines(reading, null, [])).toEqual(INITIAL_FOLLOW);
    });

    it('names the newest line', () => {
        expect(newestKey(['a', 'b'])).toBe('b');
        expect(newestKey([])).toBeNull();
    });
});

describe('jumpLabel', () => {
    it.each([
        [0, 'Jump to latest'],
        [1, 'Jump to latest (1 new line)'],
        [12, 'Jump to latest (12 new lines)']
    ])('%i unseen', (count, label) => {
        expect(jumpLabel(count)).toBe(label);
    });
});
