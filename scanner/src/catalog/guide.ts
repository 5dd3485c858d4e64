// The sections of the migration guide (docs/migration.md at the repository root) that findings point to. Each
// value is a GitHub-style heading anchor; test/guide.test.ts fails when one names no heading of the guide.

/** The guide, relative to the root of the Switchboard repository. */
export const GUIDE_PATH = 'docs/migration.md';

export const GUIDE = {
    // One section per row of the capability matrix (voice-platform.md §9.5, the source document's matrix).
    screenPop: '1-screen-pop',
    callLogging: '2-call-logging',
    searchAndScreenPop: '3-search-and-screen-pop',
    presence: '4-custom-presence',
    runApex: '5-other-runapex-calls',
    statusList: '6-custom-status-list',
    panelSize: '7-softphone-panel-size',
    softphonePanel: '8-custom-softphone-panel',
    callEvents: '9-call-lifecycle-listeners',
    messaging: '10-iframe-and-page-messaging',
    refresh: '11-refreshing-the-page',
    clickToDial: '12-click-to-dial',
    visualforce: '13-data-for-a-visualforce-page',
    contactSearch: '14-contact-search',
    routing: '15-ivr-and-routing-logic',
    webhooks: '16-external-system-webhooks',
    analytics: '17-call-analytics',
    auth: '18-authentication-and-sso',
    supervisor: '19-supervisor-dashboard',
    transfer: '20-transfer-and-consult',
    // Usages the matrix does not cover (the project-guidance table of §9.5 and the scanner's own rules).
    softphoneChrome: 'a-softphone-panel-chrome',
    pageContext: 'b-page-context-and-navigation',
    callCenter: 'c-call-center-definition',
    callData: 'd-call-data-and-call-state',
    salesEngagement: 'e-sales-engagement-hvs',
    reviewByHand: 'f-the-open-cti-library-and-calls-to-review-by-hand'
} as const;

export type GuideAnchor = (typeof GUIDE)[keyof typeof GUIDE];

/** Where a finding's guide section is: `docs/migration.md#<anchor>`. */
export function guideLink(anchor: GuideAnchor): string {
    return `${GUIDE_PATH}#${anchor}`;
}
