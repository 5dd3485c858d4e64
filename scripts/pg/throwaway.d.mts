// Types of throwaway.mjs for the TypeScript tests that import it.
export declare const INSTALL_HINT: string;
export declare function findPostgresBin(): string | undefined;
export interface ThrowawayPostgres {
    url: string;
    port: number;
    dir: string;
    restart(): void;
    bounce(ms: number): Promise<void>;
    stop(): void;
}
export declare function startThrowawayPostgres(options?: { fsync?: boolean }): Promise<ThrowawayPostgres>;
