// Digits made in the browser: the page fetches the generator exported to ONNX and runs it with onnxruntime-web (served
// from this app, no CDN), with Dcgan's noise contract, so a seed shows the same digits as the server's PNG.
import { standardNormalNoise, toByte } from './noise.js';

ort.env.wasm.wasmPaths = '/ort/';
ort.env.wasm.numThreads = 1; // threads would need cross-origin isolation

const sessions = {};

/** The ONNX session and the description (latent size, image size, class names) of a generator, loaded once. */
function load(kind) {
  sessions[kind] ??= Promise.all([
    ort.InferenceSession.create(`models/${kind}.onnx`, { executionProviders: ['wasm'] }),
    fetch(`models/${kind}.json`).then(response => response.json()),
  ]);
  return sessions[kind];
}

/** Generates count images for seed (with digit: from the class-conditional generator); returns their 8-bit pixels. */
export async function generate(count, seed, digit) {
  const kind = digit === '' || digit === undefined ? 'generator' : 'conditional';
  const [model, description] = await load(kind);
  const latent = description.latentSize;
  const feeds = { noise: new ort.Tensor('float32', standardNormalNoise(count, latent, seed), [count, latent]) };
  if (kind === 'conditional') {
    const label = description.classNames.indexOf(String(digit));
    feeds.labels = new ort.Tensor('int64', new BigInt64Array(count).fill(BigInt(label)), [count]);
  }
  const { images } = await model.run(feeds);
  const [n, channels, height, width] = images.dims;
  const pixels = Uint8Array.from(images.data, toByte);
  return { pixels, n, channels, height, width };
}

/** Draws grayscale images side by side in rows of columns, 2 pixels apart, on the canvas. */
export function draw(canvas, { pixels, n, height, width }, columns) {
  const rows = Math.ceil(n / columns);
  canvas.width = columns * (width + 2) + 2;
  canvas.height = rows * (height + 2) + 2;
  const context = canvas.getContext('2d');
  const picture = context.createImageData(canvas.width, canvas.height);
  for (let i = 0; i < n; i++) {
    const left = 2 + (i % columns) * (width + 2), top = 2 + Math.floor(i / columns) * (height + 2);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const value = pixels[i * height * width + y * width + x];
        const at = ((top + y) * canvas.width + left + x) * 4;
        picture.data.set([value, value, value, 255], at);
      }
    }
  }
  context.putImageData(picture, 0, 0);
}
