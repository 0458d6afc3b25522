/** Code names shown instead of real names: INT-0031 for interviews, W-017 for people. */
export function interviewCode(n: number): string {
  return `INT-${String(n).padStart(4, '0')}`;
}

export function personCode(n: number): string {
  return `W-${String(n).padStart(3, '0')}`;
}

export function codeNumber(code: string): number {
  const m = /-(\d+)$/.exec(code);
  return m ? Number(m[1]) : 0;
}
