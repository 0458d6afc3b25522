/**
 * Known-answer tests for the primitives the vault format rests on: Argon2id v1.3 (through the same libsodium
 * call deriveKek makes), XChaCha20-Poly1305-IETF (draft-irtf-cfrg-xchacha-03, A.3.1) and the padding scheme.
 */
import { describe, expect, it } from 'vitest';
import { NONCE_BYTES, open, seal, TAG_BYTES } from '../../src/core/crypto/aead';
import { deriveKek, KDF_ALG_ARGON2ID13 } from '../../src/core/crypto/kdf';
import { bucketSize, pad, unpad } from '../../src/core/crypto/padding';
import { loadSodium } from '../../src/core/crypto/sodium';

/**
 * Argon2id v1.3, p = 1, from libsodium's own test suite: test/default/pwhash_argon2id.c (tv and tv2) with the
 * expected outputs in test/default/pwhash_argon2id.exp (libsodium commit 58441ad2). crypto_pwhash takes memory in bytes; the password is
 * the first passwdLen bytes of the hex; only the first 16 bytes of the salt hex are used (crypto_pwhash_SALTBYTES).
 */
const ARGON2ID_VECTORS = [
  {
    name: 'tv[0] t=5',
    passwd:
      'a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae065577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08da232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f58d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6',
    passwdLen: 127,
    salt: '5541fbc995d5c197ba290346d2c559dedf405cf97e5f95482143202f9e74f5c2',
    outLen: 155,
    ops: 5,
    memBytes: 7256678,
    expected:
      '18acec5d6507739f203d1f5d9f1d862f7c2cdac4f19d2bdff64487e60d969e3ced615337b9eec6ac4461c6ca07f0939741e57c24d0005c7ea171a0ee1e7348249d135b38f222e4dad7b9a033ed83f5ca27277393e316582033c74affe2566a2bea47f91f0fd9fe49ece7e1f79f3ad6e9b23e0277c8ecc4b313225748dd2a80f5679534a0700e246a79a49b3f74eb89ec6205fe1eeb941c73b1fcf1',
  },
  {
    name: 'tv[4] t=3',
    passwd:
      '4a857e2ee8aa9b6056f2424e84d24a72473378906ee04a46cb05311502d5250b82ad86b83c8f20a23dbb74f6da60b0b6ecffd67134d45946ac8ebfb3064294bc097d43ced68642bfb8bbbdd0f50b30118f5e',
    passwdLen: 82,
    salt: '39d82eef32010b8b79cc5ba88ed539fbaba741100f2edbeca7cc171ffeabf258',
    outLen: 190,
    ops: 3,
    memBytes: 1432947,
    expected:
      '08d8cd330c57e1b4643241d05bb468ba4ee4e932cd0858816be9ef15360b27bbd06a87130ee92222be267a29b81f5ae8fe8613324cfc4832dc49387fd0602f1c57b4d0f3855db94fb7e12eb05f9a484aed4a4307abf586cd3d55c809bc081541e00b682772fb2066504ff935b8ebc551a2083882f874bc0fae68e56848ae34c91097c3bf0cca8e75c0797eef3efde3f75e005815018db3cf7c109a812264c4de69dcb22322dbbcfa447f5b00ecd1b04a7be1569c8e556adb7bba48adf81d',
  },
  {
    name: 'tv[6] t=1',
    passwd: 'b540beb016a5366524d4605156493f9874514a5aa58818cd0c6dfffaa9e90205f17b',
    passwdLen: 34,
    salt: '44071f6d181561670bda728d43fb79b443bb805afdebaf98622b5165e01b15fb',
    outLen: 231,
    ops: 1,
    memBytes: 1631659,
    expected:
      '7fb72409b0987f8190c3729710e98c3f80c5a8727d425fdcde7f3644d467fe973f5b5fee683bd3fce812cb9ae5e9921a2d06c2f1905e4e839692f2b934b682f11a2fe2b90482ea5dd234863516dba6f52dc0702d324ec77d860c2e181f84472bd7104fedce071ffa93c5309494ad51623d214447a7b2b1462dc7d5d55a1f6fd5b54ce024118d86f0c6489d16545aaa87b6689dad9f2fb47fda9894f8e12b87d978b483ccd4cc5fd9595cdc7a818452f915ce2f7df95ec12b1c72e3788d473441d884f9748eb14703c21b45d82fd667b85f5b2d98c13303b3fe76285531a826b6fc0fe8e3dddecf',
  },
  {
    name: 'tv2[1] t=3',
    passwd:
      'a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae065577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08da232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f58d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6',
    passwdLen: 127,
    salt: '5541fbc995d5c197ba290346d2c559dedf405cf97e5f95482143202f9e74f5c2',
    outLen: 155,
    ops: 3,
    memBytes: 1397645,
    expected:
      '34b207147fb7ef83e1ca1a97e30aa6e08ea9b6b1048c59c9c13050dff33e76ce3c440d7f018f817e6b8593e78f339ba633b9d7ec3519b5eafbcc4bc2d20b5136bbc7e5b7e92ff37d024bbbecf5738f718ab22c8adcdb82ceffc233b8ad61f91850abdfe8bb119775d9c4243ec1ac761dfbd132489228dfeab5268c7f0ddc29f56b957d1b76c874cdd77e16139e0df9b847248fd782c9a1147b8480',
  },
] as const;

describe('Argon2id v1.3 known answers (libsodium test vectors, p = 1)', () => {
  it('the format constant is libsodium’s Argon2id v1.3 identifier', async () => {
    const sodium = await loadSodium();
    expect(KDF_ALG_ARGON2ID13).toBe(sodium.crypto_pwhash_ALG_ARGON2ID13);
    expect(sodium.crypto_pwhash_ALG_ARGON2ID13).toBe(2);
  });

  for (const v of ARGON2ID_VECTORS) {
    it(`crypto_pwhash(ALG_ARGON2ID13) ${v.name}`, async () => {
      const sodium = await loadSodium();
      const out = sodium.crypto_pwhash(
        v.outLen,
        sodium.from_hex(v.passwd).subarray(0, v.passwdLen),
        sodium.from_hex(v.salt).subarray(0, 16),
        v.ops,
        v.memBytes,
        sodium.crypto_pwhash_ALG_ARGON2ID13,
      );
      expect(v.expected.length).toBe(v.outLen * 2);
      expect(sodium.to_hex(out)).toBe(v.expected);
    });
  }

  it('crypto_pwhash_str_verify accepts libsodium’s encoded Argon2id v1.3 hash (m=256,t=3,p=1) and rejects a wrong password', async () => {
    const sodium = await loadSodium();
    const encoded = '$argon2id$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE';
    expect(sodium.crypto_pwhash_str_verify(encoded, 'password')).toBe(true);
    expect(sodium.crypto_pwhash_str_verify(encoded, 'passwore')).toBe(false);
  });

  it('deriveKek is exactly crypto_pwhash(32, passphrase, salt, ops, KiB*1024, ARGON2ID13)', async () => {
    const sodium = await loadSodium();
    const pass = new TextEncoder().encode('correct horse battery staple');
    const salt = sodium.from_hex('000102030405060708090a0b0c0d0e0f');
    const kek = deriveKek(sodium, pass, salt, { opsLimit: 1, memLimitKiB: 8192 });
    const direct = sodium.crypto_pwhash(32, pass, salt, 1, 8192 * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);
    expect(sodium.to_hex(kek)).toBe(sodium.to_hex(direct));
    // And it is not some other algorithm (Argon2i13 gives a different key for the same inputs).
    const kek3 = deriveKek(sodium, pass, salt, { opsLimit: 3, memLimitKiB: 8192 });
    const argon2i = sodium.crypto_pwhash(32, pass, salt, 3, 8192 * 1024, sodium.crypto_pwhash_ALG_ARGON2I13);
    expect(sodium.to_hex(kek3)).not.toBe(sodium.to_hex(argon2i));
    expect(sodium.to_hex(kek3)).not.toBe(sodium.to_hex(kek));
  });
});

describe('XChaCha20-Poly1305-IETF known answer (draft-irtf-cfrg-xchacha, A.3.1)', () => {
  const keyHex = Array.from({ length: 32 }, (_, i) => (0x80 + i).toString(16)).join('');
  const nonceHex = '404142434445464748494a4b4c4d4e4f5051525354555657';
  const adHex = '50515253c0c1c2c3c4c5c6c7';
  const plaintext =
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
  const ciphertextHex =
    'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb' +
    '731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452' +
    '2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
    '21f9664c97637da9768812f615c68b13b52e';
  const tagHex = 'c0875924c1c7987947deafd8780acf49';

  it('libsodium encrypt gives the published ciphertext and tag', async () => {
    const sodium = await loadSodium();
    const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      sodium.from_string(plaintext),
      sodium.from_hex(adHex),
      null,
      sodium.from_hex(nonceHex),
      sodium.from_hex(keyHex),
    );
    expect(sodium.to_hex(ct)).toBe(ciphertextHex + tagHex);
  });

  it('aead.open accepts nonce | ciphertext | tag and recovers the plaintext', async () => {
    const sodium = await loadSodium();
    const box = sodium.from_hex(nonceHex + ciphertextHex + tagHex);
    expect(box.length).toBe(NONCE_BYTES + plaintext.length + TAG_BYTES);
    const out = open(sodium, sodium.from_hex(keyHex), box, sodium.from_hex(adHex));
    expect(out).not.toBeNull();
    expect(sodium.to_string(out!)).toBe(plaintext);
  });

  it('aead.open returns null for a flipped bit anywhere, a wrong AD, a wrong key or a short box', async () => {
    const sodium = await loadSodium();
    const key = sodium.from_hex(keyHex);
    const ad = sodium.from_hex(adHex);
    const box = sodium.from_hex(nonceHex + ciphertextHex + tagHex);
    for (let i = 0; i < box.length; i++) {
      const bad = box.slice();
      bad[i]! ^= 0x01;
      expect(open(sodium, key, bad, ad), `byte ${i}`).toBeNull();
    }
    const badAd = ad.slice();
    badAd[0]! ^= 0x80;
    expect(open(sodium, key, box, badAd)).toBeNull();
    expect(open(sodium, key, box, new Uint8Array(0))).toBeNull();
    const badKey = key.slice();
    badKey[31]! ^= 1;
    expect(open(sodium, badKey, box, ad)).toBeNull();
    expect(open(sodium, key, box.subarray(0, NONCE_BYTES + TAG_BYTES - 1), ad)).toBeNull();
    expect(open(sodium, key, new Uint8Array(0), ad)).toBeNull();
  });

  it('aead.seal uses a fresh random nonce each time and round-trips through open', async () => {
    const sodium = await loadSodium();
    const key = sodium.randombytes_buf(32);
    const ad = sodium.from_string('ad');
    const pt = sodium.from_string('same plaintext');
    const a = seal(sodium, key, pt, ad);
    const b = seal(sodium, key, pt, ad);
    expect(a.length).toBe(NONCE_BYTES + pt.length + TAG_BYTES);
    expect(sodium.to_hex(a.subarray(0, NONCE_BYTES))).not.toBe(sodium.to_hex(b.subarray(0, NONCE_BYTES)));
    expect(sodium.to_hex(a)).not.toBe(sodium.to_hex(b));
    expect(sodium.to_string(open(sodium, key, a, ad)!)).toBe('same plaintext');
    expect(sodium.to_string(open(sodium, key, b, ad)!)).toBe('same plaintext');
    // seal's output is the draft's layout: decrypting its tail with its head as nonce works in libsodium directly.
    const direct = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, a.subarray(NONCE_BYTES), ad, a.subarray(0, NONCE_BYTES), key);
    expect(sodium.to_string(direct)).toBe('same plaintext');
  });
});

describe('padding', () => {
  it('buckets: powers of two from 256 B to 64 KiB, then multiples of 64 KiB; always room for the marker', () => {
    expect(bucketSize(0)).toBe(256);
    expect(bucketSize(255)).toBe(256);
    expect(bucketSize(256)).toBe(512);
    expect(bucketSize(511)).toBe(512);
    expect(bucketSize(512)).toBe(1024);
    expect(bucketSize(1000)).toBe(1024);
    expect(bucketSize(65535)).toBe(65536);
    expect(bucketSize(65536)).toBe(131072);
    expect(bucketSize(131071)).toBe(131072);
    expect(bucketSize(131072)).toBe(196608);
    expect(bucketSize(1_000_000)).toBe(16 * 65536);
    for (let n = 0; n < 70_000; n += 97) {
      const b = bucketSize(n);
      expect(b).toBeGreaterThan(n);
      if (b <= 65536) expect(Math.log2(b) % 1).toBe(0);
      else expect(b % 65536).toBe(0);
    }
  });

  it('lengths in one bucket give the same padded length (ciphertext size leaks only the bucket)', () => {
    expect(pad(new Uint8Array(1)).length).toBe(pad(new Uint8Array(200)).length);
    expect(pad(new Uint8Array(300)).length).toBe(pad(new Uint8Array(500)).length);
    expect(pad(new Uint8Array(300)).length).not.toBe(pad(new Uint8Array(200)).length);
  });

  it('round-trips every length around the bucket edges, including data ending in 0x80 and zeros', () => {
    const lengths = [0, 1, 2, 254, 255, 256, 257, 511, 512, 4095, 4096, 65534, 65535, 65536, 65537, 131071, 131072];
    for (const n of lengths) {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) data[i] = (i * 31 + 7) & 0xff;
      const padded = pad(data);
      expect(padded.length).toBe(bucketSize(n));
      expect(padded[n]).toBe(0x80);
      expect(padded.subarray(n + 1).every((b) => b === 0)).toBe(true);
      expect(Buffer.from(unpad(padded)!).equals(Buffer.from(data))).toBe(true);
    }
    const tricky = [new Uint8Array([0x80]), new Uint8Array([0, 0, 0]), new Uint8Array([1, 0x80, 0, 0x80, 0])];
    for (const data of tricky) {
      expect(Buffer.from(unpad(pad(data))!).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('unpad rejects padding without the 0x80 marker', () => {
    expect(unpad(new Uint8Array(0))).toBeNull();
    expect(unpad(new Uint8Array(256))).toBeNull(); // all zeros
    const noMarker = pad(new TextEncoder().encode('hello'));
    noMarker[5] = 0x81;
    expect(unpad(noMarker)).toBeNull();
    const endsInData = new Uint8Array(256).fill(0x41);
    expect(unpad(endsInData)).toBeNull();
    const zeroMarker = pad(new Uint8Array([1, 2, 3]));
    zeroMarker[3] = 0x00; // marker gone: the last non-zero byte is now data (3)
    expect(unpad(zeroMarker)).toBeNull();
  });
});
