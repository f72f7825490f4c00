import { inflateSync } from 'node:zlib';

/**
 * Decodes the pixels of an 8-bit RGBA, non-interlaced PNG (what resvg writes), to check rendered charts
 * for content without a PNG library.
 */
export function pngPixels(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24];
  const colourType = png[25];
  if (bitDepth !== 8 || colourType !== 6)
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}`);
  const chunks: Buffer[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') chunks.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row += 1) {
    const filter = raw[row * (stride + 1)];
    const source = row * (stride + 1) + 1;
    for (let column = 0; column < stride; column += 1) {
      const value = raw[source + column]!;
      const left = column >= 4 ? rgba[row * stride + column - 4]! : 0;
      const up = row > 0 ? rgba[(row - 1) * stride + column]! : 0;
      const upLeft = row > 0 && column >= 4 ? rgba[(row - 1) * stride + column - 4]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const distanceLeft = Math.abs(estimate - left);
        const distanceUp = Math.abs(estimate - up);
        const distanceUpLeft = Math.abs(estimate - upLeft);
        predicted =
          distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft
            ? left
            : distanceUp <= distanceUpLeft
              ? up
              : upLeft;
      }
      rgba[row * stride + column] = (value + predicted) & 0xff;
    }
  }
  return { width, height, rgba };
}
