import { encodePng, type Raster } from './png';

/**
 * Muster's mark: an alert beacon, a ring around an exclamation mark. Drawn from shapes in unit
 * coordinates, so the 192 px colour icon and the 32 px outline icon are the same mark, with 4×4
 * supersampling for smooth edges. Teams wants color.png 192×192 in full colour and outline.png 32×32
 * white on a transparent background.
 */
export const ACCENT_COLOR = '#C2410C';

type Shape = (x: number, y: number) => boolean;

const ring: Shape = (x, y) => {
  const r = Math.hypot(x - 0.5, y - 0.5);
  return r >= 0.3 && r <= 0.4;
};
const bar: Shape = (x, y) => Math.abs(x - 0.5) <= 0.045 && y >= 0.29 && y <= 0.56;
const dot: Shape = (x, y) => Math.hypot(x - 0.5, y - 0.66) <= 0.05;
const mark: Shape = (x, y) => ring(x, y) || bar(x, y) || dot(x, y);

/** How much of the pixel (px, py) the shape covers, 0..1. */
function coverage(shape: Shape, px: number, py: number, size: number, samples = 4): number {
  let hits = 0;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) if (shape((px + (i + 0.5) / samples) / size, (py + (j + 0.5) / samples) / size)) hits++;
  }
  return hits / (samples * samples);
}

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/** 192×192 RGB: the white mark on the accent colour, the whole square filled. */
export function colorIcon(size = 192): Raster {
  const [r, g, b] = hex(ACCENT_COLOR);
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(mark, x, y, size);
      const at = (y * size + x) * 3;
      pixels[at] = Math.round(r + (255 - r) * c);
      pixels[at + 1] = Math.round(g + (255 - g) * c);
      pixels[at + 2] = Math.round(b + (255 - b) * c);
    }
  }
  return { width: size, height: size, channels: 3, pixels };
}

/** 32×32 RGBA: white where the mark is (alpha = coverage), transparent elsewhere. */
export function outlineIcon(size = 32): Raster {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 4;
      pixels.fill(255, at, at + 3);
      pixels[at + 3] = Math.round(255 * coverage(mark, x, y, size));
    }
  }
  return { width: size, height: size, channels: 4, pixels };
}

export const colorPng = (): Buffer => encodePng(colorIcon());
export const outlinePng = (): Buffer => encodePng(outlineIcon());
