namespace Dcgan.WebDemo;

/// <summary>
/// The demo's single page: a digit picker, a grid of digits from the server and a button that asks for a fresh one, and
/// the same grid made in the browser by onnxruntime-web from the exported model, with the same seed.
/// </summary>
internal static class Page
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Dcgan digits</title>
          <style>
            body { font-family: sans-serif; margin: 2rem; background: #111; color: #eee; }
            img, canvas { image-rendering: pixelated; width: 488px; border: 1px solid #444; }
            button, select { font-size: 1rem; padding: .5rem 1rem; margin-bottom: 1rem; }
          </style>
        </head>
        <body>
          <h1>Handwritten digits from a DCGAN</h1>
          <label for="digit">Digit</label>
          <select id="digit">
            <option value="">any</option>
            <option>0</option><option>1</option><option>2</option><option>3</option><option>4</option>
            <option>5</option><option>6</option><option>7</option><option>8</option><option>9</option>
          </select>
          <button id="fresh">New digits</button>
          <div><img id="digits" alt="generated digits" src="digits.png?count=64&amp;seed=1" data-seed="1"></div>
          <h2>The same digits, made in your browser</h2>
          <button id="browser">Make them here</button>
          <div><canvas id="canvas" data-state="idle"></canvas></div>
          <script src="ort/ort.wasm.min.js"></script>
          <script type="module">
            // onnxruntime-web runs the exported generator with Dcgan's noise, for the seed and digit shown above.
            import { generate, draw } from './browser.js';
            const canvas = document.getElementById('canvas');
            document.getElementById('browser').addEventListener('click', async () => {
              const img = document.getElementById('digits');
              canvas.dataset.state = 'working';
              try {
                const result = await generate(64, img.dataset.seed, document.getElementById('digit').value);
                draw(canvas, result, 8);
                window.browserPixels = Array.from(result.pixels);
                canvas.dataset.seed = img.dataset.seed;
                canvas.dataset.state = 'done';
              } catch (error) {
                canvas.dataset.state = 'failed: ' + error;
              }
            });
          </script>
          <script>
            // "any" asks the unconditional generator; a digit asks the class-conditional one for that digit.
            const show = () => {
              const img = document.getElementById('digits');
              const digit = document.getElementById('digit').value;
              const seed = Math.floor(Math.random() * 1e9);
              img.dataset.seed = String(seed);
              img.src = 'digits.png?count=64&seed=' + seed + (digit === '' ? '' : '&digit=' + digit);
            };
            document.getElementById('fresh').addEventListener('click', show);
            document.getElementById('digit').addEventListener('change', show);
          </script>
        </body>
        </html>
        """;
}
