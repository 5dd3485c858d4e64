// Stands in for the Apex class VoiceCallDispositions
// (force-app/call-automation/main/default/classes/VoiceCallDispositions.cls) and the describe call it makes: the active
// values of VoiceCall.Disposition__c, in the order the admin set them, read from the field's metadata as deployed
// (objects/VoiceCall/fields/Disposition__c.field-meta.xml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** VoiceCallDispositions.Option. */
export interface DispositionOption {
    label: string;
    value: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function text(xml: string, element: string): string | undefined {
    const raw = new RegExp(`<${element}>([\\s\\S]*?)</${element}>`).exec(xml)?.[1];
    return raw
        ?.trim()
        .replace(
            /&(amp|lt|gt|quot|apos);|&#(\d+);|&#x([0-9a-f]+);/gi,
            (_all, name?: string, dec?: string, hex?: string) =>
                name ? ENTITIES[name.toLowerCase()]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16))
        );
}

/** The active picklist values of a CustomField file's valueSetDefinition, in file order. */
export function parsePicklistValues(fieldXml: string): DispositionOption[] {
    const definition = /<valueSetDefinition>([\s\S]*?)<\/valueSetDefinition>/.exec(fieldXml)?.[1] ?? '';
    const options: DispositionOption[] = [];
    for (const [, value] of definition.matchAll(/<value>([\s\S]*?)<\/value>/g)) {
        if (value === undefined || text(value, 'isActive') === 'false') continue;
        const fullName = text(value, 'fullName');
        if (!fullName) continue;
        options.push({ label: text(value, 'label') ?? fullName, value: fullName });
    }
    return options;
}

/** VoiceCallDispositions.active(), from the deployed field metadata. */
export function loadDispositions(forceAppDir: string): DispositionOption[] {
    return parsePicklistValues(
        readFileSync(join(forceAppDir, 'objects', 'VoiceCall', 'fields', 'Disposition__c.field-meta.xml'), 'utf8')
    );
}
