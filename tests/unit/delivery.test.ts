/**
 * Sealed delivery's building blocks (src/core/delivery): the public card, its fingerprint words, and the sealed
 * bundle, against every bad bundle the issue names (tampered, truncated, for someone else, passed on, another
 * file, a newer version) and against the test vectors written in SECURITY.md ("Sealed delivery").
 */
import { describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from '../../src/core/crypto/sodium';
import { sealBundle, openBundle, MAX_RECIPIENTS, type BundleContent } from '../../src/core/delivery/bundle';
import { decodeCard, encodeCard, fingerprintWords, isCard, sameCard, FINGERPRINT_WORDS } from '../../src/core/delivery/card';
import { createIdentity, publicCard, type DeliveryIdentity } from '../../src/core/delivery/identity';

/** A vault identity from fixed seeds (test vectors only; real identities come from createIdentity). */
function seeded(sodium: Sodium, byte: number): DeliveryIdentity {
  const box = sodium.crypto_box_seed_keypair(new Uint8Array(32).fill(byte));
  const sign = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(byte + 1));
  return { boxPublicKey: box.publicKey, boxSecretKey: box.privateKey, signPublicKey: sign.publicKey, signSecretKey: sign.privateKey };
}

const content = (text: string): BundleContent => ({
  meta: { kind: 'brief', format: 'md', name: 'brief-bishkek.md', title: 'Задержания в Бишкеке, март–май', interviews: 12 },
  file: new TextEncoder().encode(text),
});

describe('the public card', () => {
  it('round-trips, survives wrapping and spaces, and refuses a mistyped or foreign text', async () => {
    const sodium = await loadSodium();
    const me = createIdentity(sodium);
    const text = encodeCard(sodium, publicCard(me));
    expect(text).toMatch(/^fvcard1\.[A-Za-z0-9_-]{92}$/);
    const back = decodeCard(sodium, `  ${text.slice(0, 40)}\n${text.slice(40)}  `);
    expect(isCard(back) && sameCard(sodium, back, publicCard(me))).toBe(true);
    // One character changed anywhere in the key part is caught by the check.
    for (const at of [9, 30, 60, 95]) {
      const c = text[at] === 'A' ? 'B' : 'A';
      expect(decodeCard(sodium, text.slice(0, at) + c + text.slice(at + 1))).toEqual({ problem: 'mistyped' });
    }
    expect(decodeCard(sodium, text.slice(0, -3))).toEqual({ problem: 'mistyped' });
    expect(decodeCard(sodium, 'hello')).toEqual({ problem: 'not-a-card' });
    // A later format is announced by its prefix; garbage after fvcard1. is a copying mistake, whatever its bytes.
    expect(decodeCard(sodium, `fvcard2.${Buffer.from([2, ...new Uint8Array(80)]).toString('base64url')}`)).toEqual({ problem: 'newer-version' });
    expect(decodeCard(sodium, `FVCARD12.abc`)).toEqual({ problem: 'newer-version' });
    expect(decodeCard(sodium, `fvcard1.${Buffer.from([2, ...new Uint8Array(80)]).toString('base64url')}`)).toEqual({ problem: 'mistyped' });
    expect(decodeCard(sodium, `fvcard1.${Buffer.from([0xff, ...new Uint8Array(40)]).toString('base64url')}`)).toEqual({ problem: 'mistyped' });
  });

  it('has a fingerprint of eight words that differs between vaults', async () => {
    const sodium = await loadSodium();
    const a = fingerprintWords(sodium, publicCard(createIdentity(sodium)));
    const b = fingerprintWords(sodium, publicCard(createIdentity(sodium)));
    expect(a).toHaveLength(FINGERPRINT_WORDS);
    expect(a.every((w) => /^[a-z]{3,8}$/.test(w))).toBe(true);
    expect(a).not.toEqual(b);
  });

  it('matches the test vectors in SECURITY.md', async () => {
    const sodium = await loadSodium();
    const alice = seeded(sodium, 0x01);
    expect(Buffer.from(alice.boxPublicKey).toString('hex')).toBe(VECTORS.aliceBox);
    expect(Buffer.from(alice.signPublicKey).toString('hex')).toBe(VECTORS.aliceSign);
    expect(encodeCard(sodium, alice)).toBe(VECTORS.aliceCard);
    expect(fingerprintWords(sodium, alice).join(' ')).toBe(VECTORS.aliceWords);
  });
});

describe('a sealed bundle', () => {
  it('opens for every recipient, says who signed it, and carries the file exactly', async () => {
    const sodium = await loadSodium();
    const alice = createIdentity(sodium);
    const bob = createIdentity(sodium);
    const carol = createIdentity(sodium);
    const bytes = sealBundle(sodium, alice, [publicCard(bob), publicCard(carol)], content('# Brief\n\nB-1 …'));
    for (const who of [bob, carol]) {
      const opened = openBundle(sodium, who, bytes);
      if ('problem' in opened) throw new Error(opened.problem);
      expect(sameCard(sodium, opened.sender, publicCard(alice))).toBe(true);
      expect(new TextDecoder().decode(opened.content.file)).toBe('# Brief\n\nB-1 …');
      expect(opened.content.meta.title).toBe('Задержания в Бишкеке, март–май');
      expect(opened.bundleId).toMatch(/^[0-9a-f]{32}$/);
    }
    // Nothing readable outside: not the sender's keys, not the title, not the text.
    const raw = Buffer.from(bytes);
    expect(raw.includes(Buffer.from(alice.signPublicKey))).toBe(false);
    expect(raw.includes(Buffer.from(bob.boxPublicKey))).toBe(false);
    expect(raw.includes(Buffer.from('Brief'))).toBe(false);
  });

  it('is refused, changing nothing, when tampered anywhere, cut short, or for someone else', async () => {
    const sodium = await loadSodium();
    const alice = createIdentity(sodium);
    const bob = createIdentity(sodium);
    const eve = createIdentity(sodium);
    const bytes = sealBundle(sodium, alice, [publicCard(bob)], content('x'.repeat(3000)));
    const problem = (b: Uint8Array, who = bob) => {
      const r = openBundle(sodium, who, b);
      return 'problem' in r ? r.problem : 'opened';
    };
    expect(problem(bytes)).toBe('opened');
    expect(problem(bytes, eve)).toBe('not-for-you');
    for (const at of [5, 20, 22, 60, 101, bytes.length - 200, bytes.length - 1]) {
      const t = bytes.slice();
      t[at]! ^= 0x10;
      expect(problem(t), `byte ${at}`).not.toBe('opened');
    }
    for (const cut of [3, 10, 22, 101, 102 + 40, bytes.length - 1]) expect(problem(bytes.subarray(0, cut)), `cut ${cut}`).not.toBe('opened');
    expect(problem(new TextEncoder().encode('%PDF-1.7 not a bundle'))).toBe('not-a-bundle');
    const newer = bytes.slice();
    newer[4] = 2;
    expect(problem(newer)).toBe('newer-version');
  });

  it('passed on by a recipient to someone else, it does not open as sent to them', async () => {
    const sodium = await loadSodium();
    const alice = createIdentity(sodium);
    const bob = createIdentity(sodium);
    const carol = createIdentity(sodium);
    const bytes = sealBundle(sodium, alice, [publicCard(bob)], content('for Bob only'));
    // Bob re-seals the inner part, Alice's signature and all, to Carol: the file key changes, the inner stays.
    const forwarded = reseal(sodium, bob, bytes, carol);
    expect(openBundle(sodium, carol, forwarded)).toEqual({ problem: 'not-for-you' });
  });

  it('takes 1 to 16 recipients', async () => {
    const sodium = await loadSodium();
    const alice = createIdentity(sodium);
    expect(() => sealBundle(sodium, alice, [], content('x'))).toThrow(RangeError);
    const many = Array.from({ length: MAX_RECIPIENTS + 1 }, () => publicCard(createIdentity(sodium)));
    expect(() => sealBundle(sodium, alice, many, content('x'))).toThrow(RangeError);
  });

  it('opens the test vector in SECURITY.md', async () => {
    const sodium = await loadSodium();
    const bob = seeded(sodium, 0x03);
    const opened = openBundle(sodium, bob, Buffer.from(VECTORS.bundle, 'hex'));
    if ('problem' in opened) throw new Error(opened.problem);
    expect(sameCard(sodium, opened.sender, seeded(sodium, 0x01))).toBe(true);
    expect(opened.content.meta).toEqual({ kind: 'brief', format: 'txt', name: 'vector.txt', title: 'Vector', interviews: 1 });
    expect(new TextDecoder().decode(opened.content.file)).toBe('B-1: test vector.');
    expect(opened.bundleId).toBe(VECTORS.bundleId);
  });
});

/** What a dishonest recipient could do: open the bundle, keep the signed inner part, seal it to someone else. */
function reseal(sodium: Sodium, recipient: DeliveryIdentity, bytes: Uint8Array, to: DeliveryIdentity): Uint8Array {
  const n = bytes[21]!;
  const headEnd = 22 + n * 80;
  const fileKey = sodium.crypto_box_seal_open(bytes.subarray(22, 102), recipient.boxPublicKey, recipient.boxSecretKey);
  const head = bytes.subarray(0, headEnd);
  const nonce = bytes.subarray(headEnd, headEnd + 24);
  const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, bytes.subarray(headEnd + 24), head, nonce, fileKey);
  const newKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const newHead = new Uint8Array(head);
  newHead.set(sodium.crypto_box_seal(newKey, to.boxPublicKey), 22);
  const newNonce = sodium.randombytes_buf(24);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, newHead, null, newNonce, newKey);
  return new Uint8Array([...newHead, ...newNonce, ...ct]);
}

/** Also printed in SECURITY.md ("Sealed delivery", test vectors). */
const VECTORS = {
  aliceBox: '1b1b58dd50ea14b60da17b790cd02754d970c9bab864ebb3c0f3016fe51d3f57',
  aliceSign: '8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394',
  aliceCard: 'fvcard1.ARsbWN1Q6hS2DaF7eQzQJ1TZcMm6uGTrs8DzAW_lHT9XgTl3Dqh9F19Wo1Rmw0x-zMuNipG07jeiXfYPW4_Js5R_enJ5',
  aliceWords: 'usage device symptom boy lonely wedding elite burger',
  bundleId: 'de96f8e4092201ccf197fe5e146b4c70',
  bundle:
    '4656423101de96f8e4092201ccf197fe5e146b4c700123bb65af5ba6237d6d4176128a227034cf36e2e0411ad9029390be6a' +
    '3feaa42de3d43636fb3dce4e0adf7327f38b1d132fcd4a822d677356b68cc2640d12faabb8ba403a0a45b52f4247d0260810' +
    'd107b59a0aa56d6428ce0dc93b74cd00f9015f1c7ad3b051bc1fc0cc8162b62da358bf1dfb5fc8e9e69e1d4d54bedc86cf26' +
    '4d9a265effead6463579910b6dd703c49cd867003ba801b9338191602bfe581622c67ecfbde2dd36ae8f14fa7ddf427b7d6f' +
    'ec69461f70f0f2e093249a7467fabe1cf952076de219090b765746b0ab4cfffd17ccc083082a564089a23b7d85de66c8900c' +
    '33d899d52b4b5257a1643be7cc6358d56836c17e7165a5fd1d11a6e7bcd269d614b636754a6b0df6ad84fa22f5c4c0ddb5d3' +
    '3cc9c208384e08ba26b3f4b84b05e10770b2e48e1375b0ae48546a87304598ec49165875f500c9fefc85bd1b80bc219d903e' +
    '0cd60bbac124de8ed795dda55dd7b0f62d922811f35d3232250a304fcd05ffd7773daff6ccfcf87f2690290f84848e033454' +
    'c742af5a4f20dd57f32f58aab3b5ca33c0c96add5d95c90eda7398c640bbcf67e2bf93583ce6ff8dca54c7f4116dae9c2801' +
    'ea4fae7a141db7b08ff54377b453711d7adf63d4524eaa283b95a2a612f3358ca750baf9daf7b6cff21964d6237444a38146' +
    '3ae0b33efd96c78bf5c2da7d24d9a7a083ba8d158c346ce98d6186b5588da0b7b9ac71880dadc23086be1f60ca0598ab1279' +
    'a0fd2119d97661a13b3f8f29f2127eb1b257a1d79da15ba3769026fe992bcfccc9ec5670fa9219cc5f9d4d84552870d2ca34' +
    'd54f1f8a217e086e71513a26e42f3626dbc66da298f08d0c85eeb1728baac31a3d8b202f0a903d8208285b7be7da3317d99f' +
    'f296111f',
};
