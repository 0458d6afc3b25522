import { useT } from '../../i18n/I18nProvider';

/** The eight fingerprint words, numbered and large, to read aloud over the phone. */
export function FingerprintWords({ words, size = 'large' }: { readonly words: readonly string[]; readonly size?: 'large' | 'small' }) {
  const t = useT();
  return (
    <ol className={`fingerprint fingerprint--${size}`} aria-label={t('fingerprint.label')}>
      {words.map((w, i) => (
        <li key={i} className="fingerprint__word">
          <span className="fingerprint__n" aria-hidden="true">
            {i + 1}
          </span>
          <span lang="en">{w}</span>
        </li>
      ))}
    </ol>
  );
}
