namespace Dcgan.WebDemo;

/// <summary>The demo's single page: a digit picker, a grid of digits and a button that asks for a fresh one.</summary>
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
            img { image-rendering: pixelated; width: 488px; border: 1px solid #444; }
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
