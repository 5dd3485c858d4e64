// The workbench's log: pino, to a file in its working folder (the terminal shows progress, not JSON), with the same
// redaction as the gateway: authorization headers, signatures, passwords, tokens and keys never reach it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import { REDACTED_PATHS } from '@switchboard/gateway/redaction';

export function createLogger(file: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
    mkdirSync(dirname(file), { recursive: true });
    return pino(
        { level, base: { app: 'workbench' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
        pino.destination({ dest: file, sync: true })
    );
}
