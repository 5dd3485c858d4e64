// What the JavaScript analyser hands to the rules: raw detections with offsets, argument shapes reduced to plain
// data (no syntax tree outlives the analysis of its file), and wrapper definitions other files can call.

/** How a usage was reached. Several can apply to one finding (e.g. alias + optional-chaining). */
import type { Trait } from '../model/vocabulary.js';
export type { Trait } from '../model/vocabulary.js';

/** An argument reduced to what the rules need: literal values, object keys, functions. */
export type ArgView =
    | { kind: 'object'; props: Record<string, ArgView>; spread: boolean }
    /** `partial`: built from a template or concatenation; unknown parts are replaced by U+0000. */
    | { kind: 'string'; value: string; partial: boolean }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'function' }
    | { kind: 'array' }
    | { kind: 'api'; path: string[] }
    | { kind: 'unknown' };

export const UNKNOWN: ArgView = { kind: 'unknown' };

/** An argument of a call inside a wrapper, in terms of the wrapper's parameters. */
export type ArgTemplate =
    | { kind: 'param'; index: number }
    | { kind: 'rest'; from: number }
    /** `spreadFrom`: `{ ...options, callback }` where `options` is a parameter. */
    | { kind: 'object'; props: Record<string, ArgTemplate>; spread: boolean; spreadFrom?: ArgTemplate }
    | { kind: 'fixed'; view: ArgView };

type WrapperTarget =
    | { kind: 'fixed'; path: string[]; traits: Trait[] }
    /** `sforce.opencti[method](...)` where `method` is the wrapper's parameter `index`. */
    | { kind: 'param-method'; base: string[]; index: number; traits: Trait[] };

export interface WrapperCall {
    target: WrapperTarget;
    args: ArgTemplate[];
}

/** A function that forwards its arguments (or a method name) to Open CTI, or returns part of it. */
export interface CallableDef {
    id: string;
    name: string;
    file: string;
    line: number;
    calls: WrapperCall[];
    /** What calling it returns, when that is part of the API (`function cti() { return sforce.opencti; }`). */
    returns?: PortableRef;
    /** An `async` function: calling it gives a promise of `returns`, which `await` and `.then` unwrap. */
    async?: true;
}

export type WebName =
    'localStorage' | 'sessionStorage' | 'indexedDB' | 'document' | 'cookie' | 'jquery' | 'Cookies' | 'storage-access';

/** A reference that can cross file boundaries (no syntax nodes). */
export type PortableRef =
    | { kind: 'api'; path: string[]; traits: Trait[] }
    | { kind: 'window'; traits: Trait[] }
    /** `api`: the name a person recognises (`Cookies.set`, `$.cookie`), when it is not the web name itself. */
    | { kind: 'web'; name: WebName; traits: Trait[]; api?: string }
    | { kind: 'callable'; def: CallableDef; traits: Trait[] }
    | { kind: 'namespace'; members: Record<string, PortableRef>; traits: Trait[] };

type DetectionKind =
    | 'call'
    | 'reference'
    | 'dynamic-call'
    | 'web-storage'
    | 'cookie'
    | 'storage-access'
    | 'post-message'
    | 'message-listener';

export interface Detection {
    kind: DetectionKind;
    /** API path (`['sforce','opencti','saveLog']`), or the web API for web kinds (`['localStorage']`). */
    path: string[];
    traits: Trait[];
    /** Offsets in the analysed unit's text. */
    start: number;
    end: number;
    args?: ArgView[];
    via?: { name: string; file: string; line: number };
}

/** What one file offers the others: script globals and module exports. */
export interface FileExports {
    globals: Record<string, PortableRef>;
    moduleExports: Record<string, PortableRef>;
}

export interface ExportRegistry {
    globals: ReadonlyMap<string, PortableRef>;
    modules: ReadonlyMap<string, Readonly<Record<string, PortableRef>>>;
}

export const EMPTY_REGISTRY: ExportRegistry = { globals: new Map(), modules: new Map() };

export function addTraits<T extends { traits: Trait[] }>(ref: T, extra: readonly Trait[]): T {
    if (extra.length === 0) return ref;
    const traits = [...ref.traits];
    for (const t of extra) if (!traits.includes(t)) traits.push(t);
    return { ...ref, traits };
}
