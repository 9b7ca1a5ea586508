export declare const root: URL;
export declare function compiledIsFresh(): boolean;
export declare function moduleUrl(sourcePath: string, fresh?: boolean): string;
