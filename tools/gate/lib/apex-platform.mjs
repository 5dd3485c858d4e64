// Platform Apex that apex-ls (its types are of API 61) does not declare, taken from Salesforce's documentation, and
// how the gate judges apex-ls's findings about it. apex-ls cannot be given new declarations, so its messages are
// sorted instead:
// - about a name declared here: dropped (the platform has it);
// - about a name apex-ls cannot know for sure (a namespace it lacks entirely, an argument whose type it could not
//   infer, a method the compiler accepts but the reference does not list): a warning that says why;
// - anything else stays an error.

/**
 * Types and members from Salesforce's documentation. `doc` is where each was read; `unconfirmed` says what the
 * documentation did not state.
 */
const PLATFORM_TYPES = [
    // Salesforce Voice with Partner Telephony Apex Reference:
    // https://developer.salesforce.com/docs/atlas.en-us.voice_pt_developer_guide.meta/voice_pt_developer_guide/voice_pt_apex_reference.htm
    {
        name: 'service_cloud_voice.PartnerConnector',
        kind: 'interface',
        methods: ['connect'],
        doc: 'voice_pt_apex_reference.htm: ConnectPartnerResponse connect(service_cloud_voice.ContactCenterInfo)'
    },
    {
        name: 'service_cloud_voice.ConnectPartnerResponse',
        kind: 'class',
        constructors: ['Boolean, Map<String, String>, String'],
        doc: 'voice_pt_apex_reference.htm: ConnectPartnerResponse(boolean success, Map<String, String> contactCenters, String errorMessage)'
    },
    { name: 'service_cloud_voice.ContactCenterInfo', kind: 'class', doc: 'voice_pt_apex_reference.htm' },
    {
        name: 'service_cloud_voice.KeyProvider',
        kind: 'interface',
        methods: ['getPublicKey'],
        doc: 'voice_pt_apex_reference.htm: KeyResponse getPublicKey(ContactCenterInfo contactCenterInfo)'
    },
    {
        name: 'service_cloud_voice.KeyResponse',
        kind: 'class',
        doc: 'voice_pt_apex_reference.htm (success flag, error message, public key, expiry)',
        unconfirmed: 'constructor signature'
    },
    {
        name: 'service_cloud_voice.RecordingMediaProvider',
        kind: 'interface',
        methods: ['getSignedUrls'],
        doc: 'voice_pt_apex_reference.htm; method name from ../shared/reference/voice-platform.md §6.3',
        unconfirmed: 'method signature'
    },
    { name: 'service_cloud_voice.GroupSetup', kind: 'interface', doc: 'voice_pt_apex_reference.htm' },
    {
        name: 'service_cloud_voice.IntelligenceServiceAndSignalsInfo',
        kind: 'class',
        doc: 'voice_pt_apex_reference.htm'
    },
    { name: 'service_cloud_voice.IntelligenceServiceProvider', kind: 'interface', doc: 'voice_pt_apex_reference.htm' },
    { name: 'service_cloud_voice.IntelligenceServiceRequest', kind: 'class', doc: 'voice_pt_apex_reference.htm' },
    { name: 'service_cloud_voice.IntelligenceServiceResponse', kind: 'class', doc: 'voice_pt_apex_reference.htm' },
    { name: 'service_cloud_voice.IntelligenceSignalType', kind: 'class', doc: 'voice_pt_apex_reference.htm' },
    {
        name: 'service_cloud_voice.TransferDestinationProvider',
        kind: 'interface',
        methods: ['getQueues'],
        doc: '../shared/reference/voice-platform.md §8 (Partner Telephony guide, sample SampleIntegrationImpl.cls)',
        unconfirmed: 'not in the reference excerpts read; method signature'
    },
    {
        name: 'service_cloud_voice.PhoneNumberProvider',
        kind: 'interface',
        methods: ['listPhoneNumbers'],
        doc: 'voice_pt_changes_to_guide.htm (Spring ’22: Added KeyProvider and PhoneNumberProvider)',
        unconfirmed: 'method signature'
    },
    {
        name: 'service_cloud_voice.PartnerSSO',
        kind: 'interface',
        methods: ['setupSamlIdentityProvider', 'getConnectedAppSetupParams'],
        doc: '../shared/reference/voice-platform.md §8',
        unconfirmed: 'not in the reference excerpts read; method signatures'
    },
    {
        name: 'service_cloud_voice.UserSyncing',
        kind: 'interface',
        doc: '../shared/reference/voice-platform.md §8',
        unconfirmed: 'not in the reference excerpts read; methods'
    },
    // Apex Developer Guide, Implementing DataWeave in Apex: "The catchable System.DataWeaveScriptException exception";
    // each script of the project is DataWeaveScriptResource.<ScriptName> (judged against the project's dw/ files)
    // https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/DataWeaveInApex_impl.htm
    { name: 'System.DataWeaveScriptException', kind: 'class', doc: 'DataWeaveInApex_impl.htm' },
    // Apex Reference, FormulaEval.FormulaBuilder.build(): "throws a FormulaValidationException exception"
    // https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_formulaeval_FormulaBuilder.htm
    {
        name: 'System.FormulaValidationException',
        kind: 'class',
        doc: 'apex_class_formulaeval_FormulaBuilder.htm (build() throws FormulaValidationException)',
        unconfirmed: 'the namespace: the reference names the exception without one'
    }
];

/** Namespaces apex-ls has no types of at all: whatever it reports in them is uncertain, not wrong. */
const UNKNOWN_NAMESPACES = ['service_cloud_voice'];

/**
 * Platform namespaces whose types apex-ls declares as of API 61, incompletely (members added later, some type
 * hierarchies such as Cache.OrgPartition extending Cache.Partition): what it reports missing there is uncertain.
 */
const PLATFORM_NAMESPACES = new Set(
    'approval auth cache canvas commercepayments communities connectapi database datacloud dataweave dom eventbus flow formulaeval functions invocable kbmanagement messaging metadata process quickaction reports schema search site support system txnsecurity userprovisioning'.split(
        ' '
    )
);
const isPlatformName = (name) => PLATFORM_NAMESPACES.has(lower(name.split('.')[0])) && name.includes('.');
const API61 = "apex-ls's platform types are those of API 61 and not complete";

const lower = (s) => s.toLowerCase();
const TYPES = new Map(PLATFORM_TYPES.map((t) => [lower(t.name), t]));
const typeOf = (name) => TYPES.get(lower(name)) ?? TYPES.get(lower(`System.${name}`)) ?? null;
const inUnknownNamespace = (name) => UNKNOWN_NAMESPACES.some((ns) => lower(name).startsWith(`${ns}.`));

/**
 * How to treat one apex-ls message.
 * @param {string} message
 * @param {{ dataWeaveScripts?: Set<string>, objectDefined?: (name: string) => boolean, fileText?: () => string }} [project]
 *   the project's DataWeave scripts (lower-case names), whether it defines an object (in any package directory), the
 *   text of the file the message is about
 * @returns {{ verdict: 'known' } | { verdict: 'uncertain', why: string } | null} null: keep it as an error
 */
export function judgeApexLsMessage(message, project = {}) {
    let m = /^No type declaration found for '([^']+)'$/.exec(message);
    if (m) {
        if (typeOf(m[1])) return { verdict: 'known' };
        const script = /^DataWeaveScriptResource\.(\w+)$/i.exec(m[1]);
        if (script) return project.dataWeaveScripts?.has(lower(script[1])) ? { verdict: 'known' } : null;
        if (isPlatformName(m[1])) return { verdict: 'uncertain', why: API61 };
        if (inUnknownNamespace(m[1]))
            return {
                verdict: 'uncertain',
                why: `apex-ls has no types of the ${m[1].split('.')[0]} namespace, and the gate's declarations from Salesforce's documentation (lib/apex-platform.mjs) lack ${m[1]}`
            };
        return null;
    }
    m = /^No matching method found for '([^']+)' on '([^']+)'/.exec(message);
    if (m) {
        const type = typeOf(m[2]);
        if (type?.methods?.some((name) => lower(name) === lower(m[1]))) return { verdict: 'known' };
        if (inUnknownNamespace(m[2]))
            return { verdict: 'uncertain', why: `apex-ls has no types of the ${m[2].split('.')[0]} namespace` };
        // String.valueOf and string concatenation call it on every object; the Apex Reference lists it on some
        // classes only, so where it is not listed the gate cannot be sure (deployed open-source code calls it on
        // Schema.SObjectType and Schema.SObjectField)
        if (m[1] === 'toString' && /taking no arguments/.test(message))
            return {
                verdict: 'uncertain',
                why: `toString() is not in apex-ls's declarations of ${m[2]}; the Apex Reference does not list it on every class, and deployed code calls it on Schema.SObjectType and Schema.SObjectField`
            };
        return null;
    }
    // apex-ls applies the rule for exception classes to interfaces named ...Exception too; the rule is for classes
    m = /^Exception class '([^']+)' must extend another Exception class$/.exec(message);
    if (m && new RegExp(`\\binterface\\s+${m[1]}\\b`, 'i').test(project.fileText?.() ?? ''))
        return { verdict: 'known' };
    // apex-ls checks each package directory alone; the object may be defined in another one of the project
    m = /^Components of type 'Schema\.([^']+)' are defined, but the required object-meta\.xml file is missing$/.exec(
        message
    );
    if (m && project.objectDefined?.(m[1])) return { verdict: 'known' };
    m = /^Unknown field or type '[^']+' on '([^']+)'$/.exec(message);
    if (m && isPlatformName(m[1])) return { verdict: 'uncertain', why: API61 };
    m =
        /^Incompatible (?:types in assignment, from|return type,) '([^']+)' (?:to|is not assignable to) '([^']+)'$/.exec(
            message
        );
    if (m && isPlatformName(m[1]) && isPlatformName(m[2])) return { verdict: 'uncertain', why: API61 };
    m = /^Constructor not defined: ([^.]+(?:\.[^.<]+)*)\.<constructor>\((.*)\)$/.exec(message);
    if (m) {
        if (typeOf(m[1])?.constructors) return { verdict: 'known' };
        // apex-ls types what it cannot infer (a field of a generic SObject, such as a change event's
        // ChangeEventHeader) as Object: it cannot tell whether a constructor matches
        if (m[2].split(',').some((arg) => arg.trim() === 'Object'))
            return {
                verdict: 'uncertain',
                why: 'apex-ls could not infer the type of an argument (it reads it as Object), so it cannot tell whether a constructor matches'
            };
        return null;
    }
    return null;
}
