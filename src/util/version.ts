/** The library's name and version (a test keeps this equal to package.json). */
export const LIBRARY = { name: "attrition-sim", version: "0.2.0" } as const;
