// The logging the gateway's parts need: pino's methods, so the one pino logger (with its redaction) serves them all.
export interface GatewayLog {
    debug(fields: object, message?: string): void;
    info(fields: object, message?: string): void;
    warn(fields: object, message?: string): void;
    error(fields: object, message?: string): void;
}

export const SILENT_LOG: GatewayLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
