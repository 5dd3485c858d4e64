// Phase 3 of the JavaScript analysis (see ../javascript.ts): the recorded calls, member chains and identifiers,
// resolved in the completed model, become detections.
import type * as TS from 'typescript';
import type { ArgView, Detection, Trait, WebName } from '../detections.js';
import {
    isFunctionLike,
    literalKey,
    mergeTraits,
    ts,
    unwrap,
    type CallRecord,
    type Scope,
    type UnitModel
} from './model.js';
import type { Resolver } from './resolve.js';
import { instantiateArgs, type Wrappers } from './templates.js';

/** Traits that say how a reference was reached; without one, a usage is "direct". */
const ROUTE_TRAITS: readonly Trait[] = [
    'global-object',
    'alias',
    'destructuring',
    'imported',
    'wrapper',
    'object-member'
];

function webKind(name: WebName): Detection['kind'] {
    if (name === 'cookie') return 'cookie';
    if (name === 'storage-access') return 'storage-access';
    return 'web-storage';
}

/** `sforce.opencti.SCREENPOP_TYPE.X` and `sforce.opencti.CALL_TYPE.X`. */
export function isConstantPath(path: readonly string[]): boolean {
    return path.length >= 4 && path[1] === 'opencti' && (path[2] === 'SCREENPOP_TYPE' || path[2] === 'CALL_TYPE');
}

/** Turns the model's records into detections, each usage once. */
export class Emitter {
    constructor(
        private readonly m: UnitModel,
        private readonly r: Resolver,
        private readonly w: Wrappers
    ) {}

    run(): Detection[] {
        this.emit();
        return this.detections;
    }

    private readonly consumed = new Set<TS.Node>();

    /** Member chains reported as references, so that a variable holding one is not reported again at each use. */
    private readonly reportedChains = new Set<TS.Node>();

    private readonly detections: Detection[] = [];

    private emit(): void {
        for (const call of this.m.rec.calls) this.emitCall(call);
        for (const chain of this.m.rec.chains) this.emitChain(chain.node, chain.scope);
        for (const id of this.m.rec.identifiers) this.emitIdentifier(id.node, id.scope);
    }

    private push(d: Omit<Detection, 'traits'> & { traits: Trait[] }): void {
        const traits = [...d.traits];
        if (!traits.some((t) => ROUTE_TRAITS.includes(t))) traits.unshift('direct');
        this.detections.push({ ...d, traits });
    }

    private siteViews(args: readonly TS.Expression[], scope: Scope): ArgView[] {
        const views: ArgView[] = [];
        for (const a of args) {
            if (ts.isSpreadElement(a)) break;
            views.push(this.r.viewOf(a, scope, 0));
        }
        return views;
    }

    private emitCall(call: CallRecord): void {
        const site = this.w.callSite(call);
        const start = (n: TS.Node): number => n.getStart(this.m.sf);
        if (site) {
            this.markConsumed(site.callee);
            const views = this.siteViews(site.args, call.scope);
            if (site.kind === 'api') {
                this.push({
                    kind: 'call',
                    path: site.path,
                    traits: site.traits,
                    start: start(site.callee),
                    end: site.callee.end,
                    args: views
                });
            } else if (site.kind === 'dynamic') {
                this.push({
                    kind: 'dynamic-call',
                    path: site.path,
                    traits: site.traits,
                    start: start(site.callee),
                    end: site.callee.end,
                    args: views
                });
            } else if (!isFunctionLike(site.callee)) {
                // (An immediately invoked function runs once, here: its calls are reported where they are written,
                // with its parameters bound to these arguments, so reporting them again at this site would count
                // each twice.)
                const via = { name: site.def.name, file: site.def.file, line: site.def.line };
                for (const inner of site.def.calls) {
                    const args = instantiateArgs(inner.args, views);
                    const traits = mergeTraits(mergeTraits(site.traits, inner.target.traits), ['wrapper']);
                    if (inner.target.kind === 'fixed') {
                        this.push({
                            kind: 'call',
                            path: inner.target.path,
                            traits,
                            start: start(site.callee),
                            end: site.callee.end,
                            args,
                            via
                        });
                    } else {
                        const method = views[inner.target.index];
                        const known = method?.kind === 'string' && !method.partial;
                        this.push({
                            kind: known ? 'call' : 'dynamic-call',
                            path: known ? [...inner.target.base, method.value] : inner.target.base,
                            traits,
                            start: start(site.callee),
                            end: site.callee.end,
                            args,
                            via
                        });
                    }
                }
            }
            return;
        }
        const callee = unwrap(call.node.expression);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
            this.markConsumed(callee);
            return;
        }
        const ref = this.r.resolve(callee, call.scope, 0);
        if (ref?.kind === 'web' && ref.name !== 'document' && ref.name !== 'jquery') {
            this.markConsumed(callee);
            this.push({
                kind: webKind(ref.name),
                path: ref.api ? [ref.name, ref.api] : [ref.name],
                traits: ref.traits,
                start: start(callee),
                end: callee.end
            });
            return;
        }
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'postMessage') {
            const target = unwrap(callee.expression);
            const base = this.r.resolve(target, call.scope, 0);
            const frame = ts.isPropertyAccessExpression(target) && target.name.text === 'contentWindow';
            if (base?.kind === 'window' || frame) {
                this.markConsumed(callee);
                this.push({
                    kind: 'post-message',
                    path: ['postMessage'],
                    traits: [],
                    start: start(callee),
                    end: callee.end
                });
            }
            return;
        }
        const first = call.node.arguments[0];
        if (first && literalKey(first) === 'message' && this.isWindowListener(callee, call.scope)) {
            this.markConsumed(callee);
            this.push({
                kind: 'message-listener',
                path: ['message'],
                traits: [],
                start: start(callee),
                end: callee.end
            });
        }
    }

    private isWindowListener(callee: TS.Expression, scope: Scope): boolean {
        if (ts.isIdentifier(callee)) return callee.text === 'addEventListener' && !scope.lookup(callee.text);
        return (
            ts.isPropertyAccessExpression(callee) &&
            callee.name.text === 'addEventListener' &&
            this.r.resolve(callee.expression, scope, 0)?.kind === 'window'
        );
    }

    private markConsumed(node: TS.Node): void {
        let n: TS.Node = node;
        for (;;) {
            this.consumed.add(n);
            if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) n = n.expression;
            else if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
            else break;
        }
    }

    private emitChain(node: TS.Expression, scope: Scope): void {
        if (this.consumed.has(node)) return;
        const parent = node.parent;
        const isTarget =
            ts.isBinaryExpression(parent) &&
            parent.left === node &&
            parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
            parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
        const start = node.getStart(this.m.sf);
        if (isTarget && ts.isPropertyAccessExpression(node) && node.name.text === 'onmessage') {
            if (this.r.resolve(node.expression, scope, 0)?.kind === 'window') {
                this.push({ kind: 'message-listener', path: ['message'], traits: [], start, end: node.end });
                return;
            }
        }
        const ref = this.r.resolve(node, scope, 0);
        if (!ref) return;
        if (ref.kind === 'web' && ref.name !== 'document' && ref.name !== 'jquery') {
            this.push({
                kind: webKind(ref.name),
                path: ref.api ? [ref.name, ref.api] : [ref.name],
                traits: ref.traits,
                start,
                end: node.end
            });
            return;
        }
        if (ref.kind !== 'api' || ref.path.length < 3 || isTarget) return;
        if (!isConstantPath(ref.path) && this.isAliasContext(node)) return;
        this.reportedChains.add(node);
        this.push({
            kind: 'reference',
            path: ref.path,
            traits: mergeTraits(ref.traits, ['reference']),
            start,
            end: node.end
        });
    }

    private emitIdentifier(node: TS.Identifier, scope: Scope): void {
        const binding = scope.lookup(node.text);
        const ref = binding?.ref;
        if (!ref || ref.kind !== 'api' || ref.path.length < 3) return;
        // A parameter holds what a call site passed, and that was reported at the call site.
        if (binding.fromArgs) return;
        const constant = isConstantPath(ref.path);
        const passedAsCallback = ts.isCallExpression(node.parent) && node.parent.expression !== node;
        if (!constant && !passedAsCallback) return;
        // `const t = SCREENPOP_TYPE.URL` was reported where it was written; its uses are the same constant.
        const source = binding.values?.length === 1 ? binding.values[0]?.expr : undefined;
        if (constant && source && this.reportedChains.has(unwrap(source))) return;
        this.push({
            kind: 'reference',
            path: ref.path,
            traits: mergeTraits(ref.traits, ['reference']),
            start: node.getStart(this.m.sf),
            end: node.end
        });
    }

    private isAliasContext(node: TS.Node): boolean {
        let child: TS.Node = node;
        let parent = node.parent;
        while (
            ts.isParenthesizedExpression(parent) ||
            (ts.isBinaryExpression(parent) &&
                (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
                    parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
                    parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) &&
                ts.isVariableDeclaration(parent.parent))
        ) {
            child = parent;
            parent = parent.parent;
        }
        if (ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent)) return true;
        if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return true;
        if (ts.isPropertyDeclaration(parent)) return true;
        if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            return parent.right === child;
        }
        if (ts.isCallExpression(parent)) {
            const callee = unwrap(parent.expression);
            return ts.isFunctionExpression(callee) || ts.isArrowFunction(callee);
        }
        return false;
    }
}
