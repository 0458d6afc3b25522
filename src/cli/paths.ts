import { refuseNonLocalSpelling, type LocationPurpose } from '../core/vault/layout';

/**
 * Every path the command line is given goes through here before it is used: the spelling the user typed is
 * checked (network shares, device paths, URLs are refused, see classifyPathSyntax) and only then made absolute.
 * Resolving first would hide the spelling (\\host\share becomes /cwd/\\host\share on Linux, //host becomes
 * /host). The core checks again, with the real location, when it writes.
 */
export function userPath(raw: string, purpose: LocationPurpose): string {
  return refuseNonLocalSpelling(raw, purpose);
}
