import { SecondTicker } from 'c/secondTicker';

describe('c/secondTicker', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('ticks once a second, starts once, and stops', () => {
        const tick = jest.fn();
        const ticker = new SecondTicker(tick);
        ticker.start();
        ticker.start();
        expect(ticker.running).toBe(true);
        jest.advanceTimersByTime(3000);
        expect(tick).toHaveBeenCalledTimes(3);
        ticker.runWhile(false);
        expect(ticker.running).toBe(false);
        jest.advanceTimersByTime(3000);
        expect(tick).toHaveBeenCalledTimes(3);
        ticker.stop();
        ticker.runWhile(true);
        expect(ticker.running).toBe(true);
        ticker.stop();
    });
});
