// Generated from scanner/src/catalog/call-center.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Call-center definition items and what replaces them in Voice.
// Item names: Salesforce's "Required/Optional Call Center Elements and Attributes" pages of the Open CTI guide
// (developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-call-def-file-required.html and
// ...-optional.html), its sample definition file, the CallCenter metadata type (voice-platform.md §8.3) and the
// Voice contact-center import XML (§8.4).
import { COMPONENTS, GATEWAY, GUIDE, connectorMethod } from './mapping.js';
const keepContactCenter = (replacement) => ({
    action: 'keep',
    replacement,
    components: [COMPONENTS.setup],
    basis: 'project-guidance',
    guide: GUIDE.callCenter
});
export const CALL_CENTER_ITEMS = {
    reqInternalName: {
        mapping: keepContactCenter('reqInternalName of the Voice contact-center import XML (cannot change after creation; the JWT sub claim)')
    },
    reqDisplayName: { mapping: keepContactCenter('reqDisplayName of the Voice contact-center import XML') },
    reqDescription: { mapping: keepContactCenter('Contact-center description') },
    reqAdapterUrl: {
        mapping: {
            action: 'replace',
            replacement: 'ConversationVendorInfo.connectorUrl (the hosted connector), named by reqVendorInfoApiName in the contact-center import XML',
            components: [connectorMethod('init(connectorConfig)'), COMPONENTS.setup],
            basis: 'project-guidance',
            guide: GUIDE.callCenter
        },
        check: (value) => /^http:\/\//i.test(value.trim())
            ? {
                severity: 'warning',
                rule: 'call-center-insecure-url',
                message: 'The adapter URL uses http: Lightning Experience requires https'
            }
            : undefined
    },
    reqUseApi: {
        mapping: {
            action: 'eliminate',
            replacement: 'None: Voice contact centers always talk to the connector',
            components: [COMPONENTS.builtIn],
            basis: 'project-guidance',
            guide: GUIDE.callCenter
        }
    },
    reqSoftphoneHeight: {
        mapping: {
            action: 'eliminate',
            replacement: 'None: the Omni-Channel softphone is sized by Salesforce',
            components: [COMPONENTS.builtIn],
            basis: 'matrix',
            guide: GUIDE.panelSize
        }
    },
    reqSoftphoneWidth: {
        mapping: {
            action: 'eliminate',
            replacement: 'None: the Omni-Channel softphone is sized by Salesforce',
            components: [COMPONENTS.builtIn],
            basis: 'matrix',
            guide: GUIDE.panelSize
        }
    },
    reqSalesforceCompatibilityMode: {
        mapping: {
            action: 'eliminate',
            replacement: 'None: Salesforce Voice runs in Lightning Experience only',
            components: [COMPONENTS.builtIn],
            basis: 'project-guidance',
            guide: GUIDE.callCenter
        },
        check: (value) => value.trim() === 'Classic' || value.trim() === ''
            ? {
                severity: 'error',
                rule: 'call-center-classic-only',
                message: 'The call center runs in Salesforce Classic only (Classic is also the default when empty): ' +
                    'Voice needs Lightning Experience, so every Classic API call must be rewritten'
            }
            : undefined
    },
    reqStandbyUrl: {
        mapping: {
            action: 'eliminate',
            replacement: "None: no standby softphone; the connector's init() decides when it is ready",
            components: [connectorMethod('init(connectorConfig)')],
            basis: 'project-guidance',
            guide: GUIDE.callCenter,
            unconfirmed: 'Voice samples still carry reqStandbyUrl in customSettings; its effect in Voice is not documented'
        }
    },
    reqTimeout: {
        mapping: {
            action: 'eliminate',
            replacement: "None: no standby softphone; the connector's init() decides when it is ready",
            components: [connectorMethod('init(connectorConfig)')],
            basis: 'project-guidance',
            guide: GUIDE.callCenter,
            unconfirmed: 'Voice samples still carry reqTimeout in customSettings; its effect in Voice is not documented'
        }
    },
    reqCanvasNamespace: {
        mapping: {
            action: 'migrate',
            replacement: 'Voice Extension page (LWC, Aura or Visualforce) instead of a Canvas softphone',
            components: [COMPONENTS.voiceExtension],
            basis: 'project-guidance',
            guide: GUIDE.softphonePanel
        }
    },
    reqCanvasApiName: {
        mapping: {
            action: 'migrate',
            replacement: 'Voice Extension page (LWC, Aura or Visualforce) instead of a Canvas softphone',
            components: [COMPONENTS.voiceExtension],
            basis: 'project-guidance',
            guide: GUIDE.softphonePanel
        }
    },
    reqLongDistPrefix: {
        mapping: keepContactCenter('reqLongDistPrefix in the reqHvcc section of the Voice contact-center import XML')
    },
    reqOutsidePrefix: {
        mapping: {
            action: 'migrate',
            replacement: "Dialing rules move into the connector's dial(contact) (number normalisation)",
            components: [connectorMethod('dial(contact)')],
            basis: 'project-guidance',
            guide: GUIDE.callCenter
        }
    },
    reqInternationalPrefix: {
        mapping: {
            action: 'migrate',
            replacement: "Dialing rules move into the connector's dial(contact) (number normalisation)",
            components: [connectorMethod('dial(contact)')],
            basis: 'project-guidance',
            guide: GUIDE.callCenter
        }
    },
    // Items of a Voice contact center: the file is already (partly) migrated.
    reqVendorInfoApiName: {
        mapping: keepContactCenter('Names the ConversationVendorInfo of the Voice contact center')
    },
    reqCallCenterType: {
        mapping: keepContactCenter('Contact-center type of a Voice (Partner Telephony) call center, in customSettings')
    },
    scvVendorLoginUrl: {
        mapping: {
            action: 'keep',
            replacement: "Vendor login page shown in the Omni-Channel utility when the connector's init() asks for a login",
            components: [connectorMethod('init(connectorConfig)')],
            basis: 'project-guidance',
            guide: GUIDE.auth
        }
    },
    messageBridgeComponentFqn: {
        mapping: {
            action: 'keep',
            replacement: 'LMS bridge component for local testing (ConversationVendorInfo.bridgeComponent in a package)',
            components: [COMPONENTS.messageChannel],
            basis: 'project-guidance',
            guide: GUIDE.messaging
        }
    },
    reqTelephonyIntegrationCertificate: {
        mapping: {
            action: 'keep',
            replacement: 'Public certificate that verifies the JWT of the Telephony Integration API',
            components: [GATEWAY.createVoiceCall],
            basis: 'project-guidance',
            guide: GUIDE.callCenter
        }
    }
};
/** A vendor-defined item: the connector receives it in init(connectorConfig). */
export const VENDOR_ITEM = {
    action: 'keep',
    replacement: 'Vendor section of the Voice contact center; the connector reads it in init(connectorConfig)',
    components: [connectorMethod('init(connectorConfig)')],
    basis: 'project-guidance',
    guide: GUIDE.callCenter,
    unconfirmed: 'The /<section>/<item> key pattern in connectorConfig is inferred (connector-sdk.md §7.6)'
};
/** Metadata elements of a CallCenter file (voice-platform.md §8.3) mapped onto the items they carry. */
export const METADATA_ELEMENT_ITEMS = {
    adapterUrl: 'reqAdapterUrl',
    displayName: 'reqDisplayName'
};
