// Ambient declarations for platform modules that @salesforce/lightning-types 0.8.0 does not cover.
// Shapes follow the LWC developer guide; anything whose return value Salesforce does not document is `unknown`.

declare module 'lightning/messageService' {
    import type { WireAdapterConstructor } from 'lwc';

    /** Opaque value delivered by the MessageContext wire adapter. */
    export type MessageContextValue = object;
    /** Opaque handle returned by subscribe(). */
    export interface Subscription {
        readonly __brand?: 'Subscription';
    }
    /** A channel reference imported from @salesforce/messageChannel/<Name>__c. */
    export type MessageChannel = string | object;
    export interface SubscribeOptions {
        scope?: symbol;
    }
    export const MessageContext: WireAdapterConstructor<Record<string, never>, MessageContextValue>;
    export const APPLICATION_SCOPE: symbol;
    export function subscribe<T = unknown>(
        messageContext: MessageContextValue | undefined,
        channel: MessageChannel,
        listener: (message: T) => void,
        options?: SubscribeOptions
    ): Subscription | null;
    export function unsubscribe(subscription: Subscription | null | undefined): void;
    export function publish<T = unknown>(
        messageContext: MessageContextValue | undefined,
        channel: MessageChannel,
        message?: T
    ): void;
    export function releaseMessageContext(messageContext: MessageContextValue): void;
    export function createMessageContext(): MessageContextValue;
}

declare module '@salesforce/messageChannel/*' {
    const channel: import('lightning/messageService').MessageChannel;
    export default channel;
}

declare module '@salesforce/apex/*' {
    /** An imperative Apex call; the platform resolves with the method's return value. */
    const apexMethod: (params?: Record<string, unknown>) => Promise<unknown>;
    export default apexMethod;
}

declare module '@salesforce/apex' {
    export function refreshApex(wiredValue: unknown): Promise<unknown>;
}

declare module '@salesforce/schema/*' {
    /** Field reference (object imports carry only objectApiName); the gate's schema check proves the name exists. */
    const reference: { objectApiName: string; fieldApiName: string };
    export default reference;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export type FieldReference = string | { objectApiName: string; fieldApiName: string };
    export interface FieldValue {
        value: unknown;
        displayValue: string | null;
    }
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, FieldValue>;
    }
    /** What LDS wire adapters deliver: data once loaded, or an error. */
    export interface WireResult<T> {
        data?: T;
        error?: unknown;
    }
    export interface RecordInput {
        fields: Record<string, unknown>;
        apiName?: string;
    }
    // The lwc typings require an adapter's config type to be assignable to each literal config a component writes,
    // which optional keys cannot be; the config is therefore loose, the delivered value precise.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    export const getRecord: WireAdapterConstructor<any, WireResult<RecordRepresentation>>;
    export function getFieldValue(record: RecordRepresentation | undefined, field: FieldReference): unknown;
    export function getFieldDisplayValue(record: RecordRepresentation | undefined, field: FieldReference): unknown;
    export function updateRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
    export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<unknown>;
}

declare module 'lightning/platformShowToastEvent' {
    export interface ShowToastEventInit {
        title?: string;
        message: string;
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
        constructor(init: ShowToastEventInit);
    }
}

declare module 'lightning/navigation' {
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, unknown>;
    }
    export const CurrentPageReference: import('lwc').WireAdapterConstructor<Record<string, never>, PageReference>;
    export const NavigationMixin: {
        <T extends new (...args: never[]) => object>(base: T): T;
        readonly Navigate: unique symbol;
        readonly GenerateUrl: unique symbol;
    };
}
