export const CHROMIUM_CANDIDATES: readonly string[];
export const CHROMIUM_ARGS: readonly string[];
export function isExecutable(path: string): boolean;
export function chromiumPath(): string | undefined;
