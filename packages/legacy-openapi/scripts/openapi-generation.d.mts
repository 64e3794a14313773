// Types of openapi-generation.mjs, for the TypeScript test that checks the committed output is fresh.
export declare const LEGACY_APIS: readonly ['cameramanager', 'trafficops', 'antel', 'teenquotes'];
export declare function upgradeTo31(document: unknown): Record<string, unknown>;
export declare function mergeOverlay(base: unknown, overlay: unknown): unknown;
export declare function buildCameramanagerDocument(): Promise<Record<string, unknown>>;
export declare function readDocument(api: string): Record<string, unknown>;
export declare function generateTypes(document: unknown): Promise<string>;
export declare function documentText(document: unknown): string;
