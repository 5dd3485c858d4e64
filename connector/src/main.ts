// Browser entry: registers the connector with scv-connector-base as soon as the script runs (a SETUP_CONNECTOR
// that arrives before registration is lost), and provides what only a browser has: WebSocket, sessionStorage,
// file download, and the login frame Salesforce shows when init() asks for it. Everything else is tested in Node.
import type { Connect } from './agent-channel-client.js';
import { SwitchboardConnector, type TokenStore } from './connector.js';
import { initializeConnector } from './sdk.js';
import { installLogRedaction } from './redaction.js';
import { SsoCodeReceiver } from './sso.js';
import { expiringTokenStore, type KeyValueStorage } from './token-storage.js';

declare const __SWITCHBOARD_STRICT_EVENTS__: boolean;
declare const __SWITCHBOARD_VERSION__: string;

/** sessionStorage survives a page refresh in the same tab (AGENT_AVAILABLE replay); blocked storage degrades. */
function sessionTokens(): TokenStore {
    let storage: KeyValueStorage | undefined;
    try {
        storage = window.sessionStorage;
    } catch {
        storage = undefined;
    }
    return expiringTokenStore(storage, () => Date.now());
}

const webSocketConnect: Connect = (url, handlers) => {
    const socket = new WebSocket(url);
    socket.onopen = () => handlers.onOpen();
    socket.onmessage = (event) => {
        if (typeof event.data === 'string') handlers.onMessage(event.data);
    };
    socket.onclose = (event) => handlers.onClose(event.reason || `code ${event.code}`);
    return { send: (text) => socket.send(text), close: () => socket.close() };
};

function download(filename: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
}

function element<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Partial<HTMLElementTagNameMap[K]> = {},
    ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
}

/** One SSO listener for the page, however often the login frame is shown. */
const ssoCodes = new SsoCodeReceiver(window);

/** The login frame: user name and password, or single sign-on through the gateway's page. */
function showLogin(connector: SwitchboardConnector, ssoUrl: string | undefined): void {
    document.getElementById('switchboard-login')?.remove();
    ssoCodes.disarm();
    const status = element('p', { role: 'status' });
    const username = element('input', { name: 'username', autocomplete: 'username', required: true });
    const password = element('input', {
        name: 'password',
        type: 'password',
        autocomplete: 'current-password',
        required: true
    });
    const form = element(
        'form',
        { id: 'switchboard-login' },
        element('h1', {}, 'Sign in to telephony'),
        element('label', {}, 'User name ', username),
        element('label', {}, 'Password ', password),
        element('button', { type: 'submit' }, 'Sign in'),
        status
    );
    // The gateway's SSO page posts a one-time code back; only that origin is trusted.
    const armSso = () => {
        if (ssoUrl) ssoCodes.arm(new URL(ssoUrl).origin, (code) => attempt({ kind: 'ssoCode', code }));
    };
    const attempt = (credential: Parameters<SwitchboardConnector['login']>[0]) => {
        status.textContent = 'Signing in…';
        connector.login(credential).then(
            () => {
                // Signed in: no login frame is needed any more, whichever one started this sign-in.
                ssoCodes.disarm();
                document.getElementById('switchboard-login')?.remove();
            },
            (error: Error) => {
                status.textContent = error.message;
                if (form.isConnected) armSso();
            }
        );
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        attempt({ kind: 'password', username: username.value, password: password.value });
    });
    if (ssoUrl) {
        const sso = element('button', { type: 'button' }, 'Single sign-on');
        sso.addEventListener('click', () => window.open(ssoUrl, 'switchboard-sso', 'width=480,height=640'));
        form.append(sso);
        armSso();
    }
    document.body.append(form);
}

const connector: SwitchboardConnector = new SwitchboardConnector({
    connect: webSocketConnect,
    tokens: sessionTokens(),
    strictEvents: __SWITCHBOARD_STRICT_EVENTS__,
    client: { name: 'switchboard-connector', version: __SWITCHBOARD_VERSION__ },
    download,
    onLoginRequired: ({ ssoUrl }) => {
        if (document.body) showLogin(connector, ssoUrl);
        else document.addEventListener('DOMContentLoaded', () => showLogin(connector, ssoUrl), { once: true });
    }
});
// Before the library's listener: the port Salesforce hands over carries the library's LOGs, digits redacted.
installLogRedaction(window);
initializeConnector(connector);
