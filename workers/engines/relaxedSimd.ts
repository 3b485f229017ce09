// Feature detection for WebAssembly relaxed SIMD, apart from the kernel binaries so that build
// configuration (vite.config.ts) and the CLI can ask without loading them.

/**
 * The smallest module that uses a relaxed SIMD op: () → v128 returning
 * f32x4.relaxed_madd(0, 0, 0). It validates exactly where relaxed SIMD is enabled.
 */
export function relaxedProbe(): Uint8Array<ArrayBuffer> {
  const zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
  const body = [0x00, ...zero, ...zero, ...zero, 0xfd, 0x85, 0x02, 0x0b]; // relaxed_madd, end
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
    ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // types: () → v128
    ...[0x03, 0x02, 0x01, 0x00], // one function of type 0
    ...[0x0a, body.length + 2, 0x01, body.length, ...body], // its code
  ]);
}

/** whether this runtime runs relaxed SIMD */
export function relaxedSimdAvailable(): boolean {
  return WebAssembly.validate(relaxedProbe());
}
