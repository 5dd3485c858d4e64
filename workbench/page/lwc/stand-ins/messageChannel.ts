// Stands in for `@salesforce/messageChannel/<Name>` imports, such as ServiceCloudVoiceMessageChannel__c (the project's
// LightningMessageChannel in force-app/voice-extension/main/default/messageChannels). The build gives each import a
// module whose default export is `messageChannel('<Name>')`. On the platform the value is an opaque token; the in-page
// message service (messageService.ts) only needs it to be equal wherever the channel is imported, which the name is.
export function messageChannel(name: string): string {
    return name;
}
