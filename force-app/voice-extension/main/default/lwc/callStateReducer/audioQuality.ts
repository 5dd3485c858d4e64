// Audio quality from the Toolkit's audiostats (WebRTC stats, every 30 s per channel), as good / fair / poor with the
// numbers behind it. Salesforce documents the fields but no thresholds: these are Switchboard's, from common VoIP
// practice. ITU-T G.114 puts acceptable one-way delay under 150 ms (so ~300 ms round trip); loss above ~1 % and
// jitter above ~30 ms start to be audible. Whether packetsLost/packetsCount are per interval or cumulative is not
// documented [unconfirmed]: the ratio is meaningful either way.

export type AudioRating = 'good' | 'fair' | 'poor' | 'unknown';

export interface ChannelStats {
    readonly packetsLost: number;
    readonly packetsCount: number;
    /** packetsLost / packetsCount, 0 when no packets were counted. */
    readonly lossRatio: number;
    readonly jitterBufferMillis: number;
    readonly roundTripTimeMillis: number;
    readonly receivedAt: number;
}

export interface AudioQuality {
    readonly rating: AudioRating;
    /** What made the rating worse than good, in words an agent understands. */
    readonly reasons: readonly string[];
    readonly input: ChannelStats | null;
    readonly output: ChannelStats | null;
}

/** [fair from, poor from] per metric. */
export const AUDIO_THRESHOLDS = {
    lossRatio: [0.01, 0.03],
    jitterBufferMillis: [30, 60],
    roundTripTimeMillis: [300, 600]
} as const;

export const UNKNOWN_AUDIO: AudioQuality = { rating: 'unknown', reasons: [], input: null, output: null };

const RANK: Record<AudioRating, number> = { unknown: 0, good: 1, fair: 2, poor: 3 };

function grade(value: number, [fair, poor]: readonly [number, number]): AudioRating {
    if (value >= poor) return 'poor';
    if (value >= fair) return 'fair';
    return 'good';
}

function worst(a: AudioRating, b: AudioRating): AudioRating {
    return RANK[a] >= RANK[b] ? a : b;
}

function rateChannel(label: string, stats: ChannelStats | null): { rating: AudioRating; reasons: string[] } {
    if (!stats) return { rating: 'unknown', reasons: [] };
    const checks: [AudioRating, string][] = [
        [
            grade(stats.lossRatio, AUDIO_THRESHOLDS.lossRatio),
            `${label} packet loss ${(stats.lossRatio * 100).toFixed(1)} %`
        ],
        [
            grade(stats.jitterBufferMillis, AUDIO_THRESHOLDS.jitterBufferMillis),
            `${label} jitter ${Math.round(stats.jitterBufferMillis)} ms`
        ],
        [
            grade(stats.roundTripTimeMillis, AUDIO_THRESHOLDS.roundTripTimeMillis),
            `${label} round trip ${Math.round(stats.roundTripTimeMillis)} ms`
        ]
    ];
    let rating: AudioRating = 'good';
    const reasons: string[] = [];
    for (const [r, reason] of checks) {
        rating = worst(rating, r);
        if (r !== 'good') reasons.push(reason);
    }
    return { rating, reasons };
}

/** Quality from the latest stats of each channel: the worst metric decides. */
export function rateAudio(input: ChannelStats | null, output: ChannelStats | null): AudioQuality {
    const a = rateChannel('Incoming', input);
    const b = rateChannel('Outgoing', output);
    const rating = a.rating === 'unknown' ? b.rating : b.rating === 'unknown' ? a.rating : worst(a.rating, b.rating);
    return { rating, reasons: [...a.reasons, ...b.reasons], input, output };
}

/** Stats of one audiostats event. */
export function channelStats(
    packetsLost: number,
    packetsCount: number,
    jitterBufferMillis: number,
    roundTripTimeMillis: number,
    receivedAt: number
): ChannelStats {
    return {
        packetsLost,
        packetsCount,
        lossRatio: packetsCount > 0 ? packetsLost / packetsCount : 0,
        jitterBufferMillis,
        roundTripTimeMillis,
        receivedAt
    };
}
