// The gate's steps, in the order the README describes them. `validate` runs all but the last.
export const STEPS = [
    { id: 'types', number: 1 },
    { id: 'lint', number: 2 },
    { id: 'format', number: 3 },
    { id: 'apex', number: 4 },
    { id: 'xml', number: 5 },
    { id: 'source', number: 6 },
    { id: 'schema', number: 7 },
    { id: 'analyze', number: 8 },
    { id: 'unit', number: 9 }
];
export const VALIDATE_STEPS = STEPS.filter((s) => s.id !== 'unit').map((s) => s.id);
