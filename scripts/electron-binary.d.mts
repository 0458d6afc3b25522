export type ElectronBinary = { readonly path: string; readonly missing?: undefined } | { readonly path?: undefined; readonly missing: string };
export function findElectronBinary(projectRoot: string): ElectronBinary;
