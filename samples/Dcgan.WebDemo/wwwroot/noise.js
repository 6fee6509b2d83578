// Dcgan's noise contract in JavaScript (docs/embedding.md, "The noise a seed stands for"): xoshiro128** seeded by
// SplitMix32, Box-Muller, float32. The same seed gives the same noise as the C# backends, so the same digits.

const rotl = (x, k) => ((x << k) | (x >>> (32 - k))) >>> 0;

function splitMix32(state) {
  state = (state + 0x9e3779b9) >>> 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/** count * latent standard-normal values, vector after vector, for a seed (a number or a BigInt, any 64-bit value). */
export function standardNormalNoise(count, latent, seed) {
  const bits = BigInt.asUintN(64, BigInt(seed));
  let low = Number(bits & 0xffffffffn), high = Number(bits >> 32n);
  let s0, s1, s2, s3;
  [low, s0] = splitMix32(low);
  [low, s1] = splitMix32(low);
  [high, s2] = splitMix32(high);
  [high, s3] = splitMix32(high);
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  const total = count * latent;
  const values = new Float32Array(total);
  for (let i = 0; i < total; i += 2) {
    const u = (next() + 1) / 4294967296;
    const v = next() / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    values[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < total) values[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return values;
}

/** Dcgan's PixelBytes.FromValue: round((x + 1) * 127.5) in float32, halves to even, clamped to 0..255, NaN to 0. */
export function toByte(value) {
  const scaled = Math.fround(Math.fround(value + 1) * 127.5);
  if (Number.isNaN(scaled)) return 0;
  let rounded = Math.round(scaled);
  if (rounded - scaled === 0.5 && rounded % 2 !== 0) rounded -= 1; // Math.round takes halves up; C# takes them to even
  return Math.min(255, Math.max(0, rounded));
}
