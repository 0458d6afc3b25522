/** Code names shown instead of real names: INT-0031 for interviews, W-017 for people. */
export function interviewCode(n: number): string {
  return `INT-${String(n).padStart(4, '0')}`;
}

export function personCode(n: number): string {
  return `W-${String(n).padStart(3, '0')}`;
}

/** The digits after the last hyphen (W-017: 17), or 0 when the code does not end that way. */
export function codeNumber(code: string): number {
  // By hand rather than /-(\d+)$/: unlock runs this over every code in the vault.
  let start = code.length;
  while (start > 0 && code.charCodeAt(start - 1) >= 48 && code.charCodeAt(start - 1) <= 57) start--;
  return start < code.length && start > 0 && code.charCodeAt(start - 1) === 45 ? Number(code.slice(start)) : 0;
}
