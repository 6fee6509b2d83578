namespace Dcgan.WebDemo;

/// <summary>The demo's single page: a grid of digits and a button that asks for a fresh one.</summary>
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
            button { font-size: 1rem; padding: .5rem 1rem; margin-bottom: 1rem; }
          </style>
        </head>
        <body>
          <h1>Handwritten digits from a DCGAN</h1>
          <button id="fresh">New digits</button>
          <div><img id="digits" alt="generated digits" src="digits.png?count=64&amp;seed=1" data-seed="1"></div>
          <script>
            document.getElementById('fresh').addEventListener('click', () => {
              const img = document.getElementById('digits');
              const seed = Math.floor(Math.random() * 1e9);
              img.dataset.seed = String(seed);
              img.src = 'digits.png?count=64&seed=' + seed;
            });
          </script>
        </body>
        </html>
        """;
}
