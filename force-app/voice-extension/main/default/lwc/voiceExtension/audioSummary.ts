// The audio line an agent reads at a glance: the rating, and when it is not good, what they or the caller may notice,
// in a few plain words. Packet loss, jitter and round-trip times mean little to most agents, so the numbers stay out
// of the visible text; they go in the line's title for whoever wants them (the record page's call monitor lists them).
//
// Which problem it is comes from the same thresholds that made the rating (callStateReducer/audioQuality). Which
// direction is affected is not said: the Toolkit does not document whether inputChannelStats is the agent's
// microphone or the caller's voice.
import { AUDIO_LABELS, AUDIO_THRESHOLDS } from 'c/callStateReducer';
import type { AudioQuality, ChannelStats } from 'c/callStateReducer';

export interface AudioSummary {
    /** "Audio poor" */
    readonly label: string;
    /** What the agent may notice ("you or the caller may hear gaps"); null when the audio is good or not measured. */
    readonly hint: string | null;
    /** The numbers behind a fair or poor rating, for the title; null otherwise. */
    readonly title: string | null;
}

/** Lost or late packets: the listener hears words cut out. */
export const GAPS_HINT = 'you or the caller may hear gaps';
/** A long round trip: both talk over each other or wait for the other. */
export const DELAY_HINT = 'delay on the line';
export const GAPS_AND_DELAY_HINT = 'gaps and delay on the line';

const [LOSS_FROM] = AUDIO_THRESHOLDS.lossRatio;
const [JITTER_FROM] = AUDIO_THRESHOLDS.jitterBufferMillis;
const [ROUND_TRIP_FROM] = AUDIO_THRESHOLDS.roundTripTimeMillis;

const gaps = (s: ChannelStats): boolean => s.lossRatio >= LOSS_FROM || s.jitterBufferMillis >= JITTER_FROM;
const delay = (s: ChannelStats): boolean => s.roundTripTimeMillis >= ROUND_TRIP_FROM;

export function summarizeAudio(audio: AudioQuality): AudioSummary {
    const label = AUDIO_LABELS[audio.rating];
    if (audio.rating !== 'fair' && audio.rating !== 'poor') return { label, hint: null, title: null };
    const stats = [audio.input, audio.output].filter((s): s is ChannelStats => s !== null);
    const hasGaps = stats.some(gaps);
    const hasDelay = stats.some(delay);
    const hint = hasGaps && hasDelay ? GAPS_AND_DELAY_HINT : hasGaps ? GAPS_HINT : hasDelay ? DELAY_HINT : null;
    return { label, hint, title: audio.reasons.length ? audio.reasons.join(' · ') : null };
}
