// Generated from scanner/src/analysis/detections.ts by `npm run build -w @switchboard/scanner`: do not edit.
// What the JavaScript analyser hands to the rules: raw detections with offsets, argument shapes reduced to plain
// data (no syntax tree outlives the analysis of its file), and wrapper definitions other files can call.
export const UNKNOWN = { kind: 'unknown' };
export const EMPTY_REGISTRY = { globals: new Map(), modules: new Map() };
export function addTraits(ref, extra) {
    if (extra.length === 0)
        return ref;
    const traits = [...ref.traits];
    for (const t of extra)
        if (!traits.includes(t))
            traits.push(t);
    return { ...ref, traits };
}
