/** The tests' path aliases (pathAliases.js, read by the Jest configs): alias prefix -> folder in the repository. */
export const aliases: Record<string, string>;
/** Jest's moduleNameMapper for them. */
export const jestModuleNameMapper: Record<string, string>;
