import { describe, expect, it } from 'vitest';
import { estimateStrength, MIN_LENGTH } from '../../src/renderer/passphrase/strength';

/** The passphrase estimator the create and change-passphrase screens use (pure, no browser needed). */
describe('passphrase strength estimate', () => {
  const label = (p: string) => estimateStrength(p).label;

  it('rates common passwords, with swaps, numbers and spaces, as Weak', () => {
    for (const p of ['password', 'Password123!', 'P@ssw0rd2024', 'correct horse battery staple', 'qwerty123456', 'пароль123', 'Bishkek2024!!']) {
      expect(label(p), p).toBe('Weak');
      expect(estimateStrength(p).meetsMinimum, p).toBe(false);
    }
  });

  it('sees through repeats, sequences and keyboard walks', () => {
    expect(label('aaaaaaaaaaaaaaaaaaaa')).toBe('Weak');
    expect(label('abcdefghijklmnopqrst')).toBe('Weak');
    expect(label('qwertyuiopasdfghjkl')).toBe('Weak');
    expect(label('йцукенгшщзхъфыва')).toBe('Weak');
    expect(label('abcabcabcabcabc')).toBe('Weak');
    expect(estimateStrength('abcdefghijklmnop').warnings.join(' ')).toMatch(/Sequences/);
    expect(estimateStrength('zzzzzzzzzzzzzzzz').warnings.join(' ')).toMatch(/Repeated/);
  });

  it('rewards unrelated words: four is Fair, five Good, six Strong', () => {
    expect(label('lantern copper river mosque')).toBe('Fair');
    expect(label('lantern copper river mosque kettle')).toBe('Good');
    expect(label('lantern copper river mosque kettle orbit')).toBe('Strong');
    expect(label('кошка любит молоко утром')).not.toBe('Weak');
  });

  it('never calls anything shorter than 8 characters better than Weak, and requires 12 to pass', () => {
    expect(label('x7$Kp2!')).toBe('Weak');
    const eleven = estimateStrength('x7$Kp2!qLm9');
    expect(eleven.meetsMinimum).toBe(false);
    expect(eleven.warnings.join(' ')).toContain(`${MIN_LENGTH} characters`);
    expect(estimateStrength('x7$Kp2!qLm9#').meetsMinimum).toBe(true);
  });

  it('gives advice for every rating and nothing alarming for an empty field', () => {
    const empty = estimateStrength('');
    expect(empty.warnings).toEqual([]);
    expect(empty.suggestion).not.toBe('');
    for (const p of ['password', 'lantern copper river mosque', 'lantern copper river mosque kettle orbit']) {
      expect(estimateStrength(p).suggestion, p).not.toBe('');
    }
  });
});
