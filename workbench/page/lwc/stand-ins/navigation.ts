// Stands in for `lightning/navigation`. In Lightning Experience NavigationMixin opens a page reference in the console;
// here Navigate hands it to the workbench page as a `workbench:navigate` window event (the page shows the record),
// and GenerateUrl makes a `#/record/<id>` link the page understands.

export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
}

const Navigate: unique symbol = Symbol('Navigate');
const GenerateUrl: unique symbol = Symbol('GenerateUrl');

function urlFor(pageReference: PageReference): string {
    const recordId = pageReference.attributes?.recordId;
    return typeof recordId === 'string' && recordId ? `#/record/${encodeURIComponent(recordId)}` : '#/';
}

// The mixin has to accept any component class; `any[]` is what TypeScript requires of a mixin's constructor.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

function mixin<T extends Constructor>(Base: T): T {
    return class extends Base {
        // `replace` (replace the history entry) has no meaning on the workbench's single page.
        [Navigate](pageReference: PageReference, _replace?: boolean): void {
            window.dispatchEvent(new CustomEvent('workbench:navigate', { detail: pageReference }));
        }

        [GenerateUrl](pageReference: PageReference): Promise<string> {
            return Promise.resolve(urlFor(pageReference));
        }
    };
}

export const NavigationMixin = Object.assign(mixin, { Navigate, GenerateUrl } as const);
