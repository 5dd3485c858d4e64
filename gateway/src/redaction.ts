// What the logs never show. pino replaces these paths with "[redacted]" wherever an object is logged; the tests grep
// a real run's log for the secrets themselves to prove it.
export const REDACTED_PATHS = [
    'req.headers.authorization',
    'req.headers["switchboard-signature"]',
    'headers.authorization',
    'headers["switchboard-signature"]',
    'authorization',
    'password',
    'passwordHash',
    'token',
    'sessionToken',
    'secret',
    'secrets',
    'privateKey',
    'credential',
    '*.authorization',
    '*.password',
    '*.passwordHash',
    '*.token',
    '*.sessionToken',
    '*.secret',
    '*.secrets',
    '*.privateKey',
    '*.credential',
    '*.sessionSecret'
];
