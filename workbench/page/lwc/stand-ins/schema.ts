// Stands in for `@salesforce/schema/<Object>` and `@salesforce/schema/<Object>.<Field>` imports. The build gives each
// import its own module whose default export is `schemaReference('<Object>.<Field>')`: the same
// { objectApiName, fieldApiName } the platform compiles in. The gate's schema check proves the names exist.

export interface ObjectReference {
    objectApiName: string;
}

export interface FieldReference extends ObjectReference {
    fieldApiName: string;
}

export function schemaReference(path: string): ObjectReference | FieldReference {
    const dot = path.indexOf('.');
    if (dot < 0) return Object.freeze({ objectApiName: path });
    // 'Case.Account.Name' is the Account.Name relationship field of Case.
    return Object.freeze({ objectApiName: path.slice(0, dot), fieldApiName: path.slice(dot + 1) });
}
