// @switchboard/contracts: TypeScript shared by the connector and the gateway.
export * from './agent-channel.js';
export * from './safe-schemas.js';
