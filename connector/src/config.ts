// Reads the contact center's settings from the `connectorConfig` Salesforce passes to init(). Salesforce sends the
// whole contact-center configuration; items of an imported section arrive as `/<section>/<item>` (the pattern the
// library's own logged keys follow, e.g. `/reqGeneralInfo/reqAdapterUrl`; for vendor sections this is inferred,
// connector-sdk.md §7.6 [UNCONFIRMED]). Switchboard's items live in the `switchboard` section of
// config/switchboard-contact-center.xml.
import { invalidParams } from './errors.js';

const CONFIG_KEYS = {
    gatewayUrl: '/switchboard/gatewayUrl',
    ssoUrl: '/switchboard/ssoUrl',
    loginFrameHeight: '/switchboard/loginFrameHeight',
    /** Documented platform keys (connector-sdk.md §7.6). */
    isACWAllowed: 'isACWAllowed',
    userId: 'userId',
    internalName: '/reqGeneralInfo/reqInternalName'
} as const;

export interface ConnectorSettings {
    /** wss:// URL of the gateway's agent channel (ws:// only for localhost development). */
    gatewayUrl: string;
    /** The gateway's single sign-on page, if the contact center offers SSO. */
    ssoUrl: string | undefined;
    loginFrameHeight: number;
    /** Whether the contact center uses after-call work (Salesforce's `isACWAllowed`). */
    acwEnabled: boolean;
    salesforceUserId: string | undefined;
    contactCenter: string | undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function text(config: Record<string, unknown>, key: string): string | undefined {
    const value = config[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string')
        throw invalidParams(`Contact center setting ${key} must be text, but is ${typeof value}.`);
    return value.trim() || undefined;
}

function url(config: Record<string, unknown>, key: string, secure: 'wss:' | 'https:'): string | undefined {
    const value = text(config, key);
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
        parsed = new URL(value);
    } catch {
        throw invalidParams(`Contact center setting ${key} is not a URL: "${value}".`);
    }
    const insecure = secure === 'wss:' ? 'ws:' : 'http:';
    if (parsed.protocol === secure || (parsed.protocol === insecure && LOCAL_HOSTS.has(parsed.hostname)))
        return parsed.toString();
    throw invalidParams(
        `Contact center setting ${key} must be a ${secure}// URL (${insecure}// only for localhost), not "${value}".`
    );
}

/** Validated settings, or an INVALID_PARAMS error naming the setting to fix in the contact center. */
export function readSettings(connectorConfig: unknown): ConnectorSettings {
    if (typeof connectorConfig !== 'object' || connectorConfig === null)
        throw invalidParams('Salesforce sent no contact center configuration to the connector.');
    const config = connectorConfig as Record<string, unknown>;
    const gatewayUrl = url(config, CONFIG_KEYS.gatewayUrl, 'wss:');
    if (!gatewayUrl)
        throw invalidParams(
            `The contact center has no ${CONFIG_KEYS.gatewayUrl} setting: add the gateway's wss:// URL to the ` +
                'switchboard section of the contact-center import file and import it again.'
        );
    const heightText = text(config, CONFIG_KEYS.loginFrameHeight);
    const height = heightText === undefined ? 350 : Number(heightText);
    if (!Number.isInteger(height) || height < 100 || height > 1000)
        throw invalidParams(`Contact center setting ${CONFIG_KEYS.loginFrameHeight} must be 100 to 1000 pixels.`);
    const acw = config[CONFIG_KEYS.isACWAllowed];
    return {
        gatewayUrl,
        ssoUrl: url(config, CONFIG_KEYS.ssoUrl, 'https:'),
        loginFrameHeight: height,
        // Salesforce's type for this flag is not documented: accept a boolean or its text form.
        acwEnabled: acw === true || acw === 'true',
        salesforceUserId: text(config, CONFIG_KEYS.userId),
        contactCenter: text(config, CONFIG_KEYS.internalName)
    };
}
