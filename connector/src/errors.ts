// Failures the connector reports to Salesforce. scv-connector-base reads a rejection's `type` and, for the types it
// recognises for that message, shows the agent a specific error (connector-sdk.md §8.2); anything else becomes the
// message's generic CAN_NOT_... error. The `message` says what went wrong and what to do; it reaches the library's
// log (DOWNLOAD_VENDOR_LOGS) and the browser console.
import type { ErrorCode } from '@switchboard/contracts';
import { ERROR_TYPE, type ErrorType } from './sdk.js';

export class ConnectorError extends Error {
    override readonly name = 'ConnectorError';
    /** What the library matches on. Undefined lets it fall back to the message's generic error. */
    readonly type: ErrorType | undefined;
    /** The gateway's (or the connector's own) reason, for logs and tests. */
    readonly code: ErrorCode;

    constructor(code: ErrorCode, message: string, type?: ErrorType) {
        super(message);
        this.code = code;
        this.type = type;
    }
}

/** Library error type for a gateway error code, by the Salesforce request it answers. */
export function errorTypeFor(code: ErrorCode, method: string): ErrorType | undefined {
    switch (code) {
        case 'INVALID_DESTINATION':
            return ERROR_TYPE.INVALID_DESTINATION;
        case 'INVALID_PARTICIPANT':
        case 'UNKNOWN_CALL':
            return ERROR_TYPE.INVALID_PARTICIPANT;
        case 'INVALID_AGENT_STATUS':
            return ERROR_TYPE.INVALID_AGENT_STATUS;
        case 'VERSION_MISMATCH':
            // Connector and gateway speak different protocol versions: a sign-in failure, which the library reports
            // as init's (and login's) generic CAN_NOT_LOG_IN. 3.6.2 has no more specific type for it; the message
            // says which side to update.
            return undefined;
        case 'INVALID_PARAMS':
            if (method === 'setAgentConfig') return ERROR_TYPE.CAN_NOT_UPDATE_PHONE_NUMBER;
            if (method === 'init') return ERROR_TYPE.INVALID_PARAMS;
            return method === 'dial' ? ERROR_TYPE.INVALID_DESTINATION : undefined;
        default:
            // DIAL is the one message where GENERIC_ERROR is a recognised, distinct outcome (not CAN_NOT_START).
            return method === 'dial' && code === 'INTERNAL' ? ERROR_TYPE.GENERIC_ERROR : undefined;
    }
}

export const invalidParams = (message: string, type: ErrorType = ERROR_TYPE.INVALID_PARAMS): ConnectorError =>
    new ConnectorError('INVALID_PARAMS', message, type);
