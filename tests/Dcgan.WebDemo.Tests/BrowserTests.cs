using System.Net;
using Dcgan.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcgan.WebDemo.Tests;

/// <summary>
/// Slow tier: the demo page in real headless Chromium (Debian's, driven by Playwright) against the demo
/// served by Kestrel on 127.0.0.1. Clicking the button must bring a new image.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BrowserTests
{
    [ChromiumFact]
    public async Task Page_ClickingNewDigits_ShowsANewImage_AndPickingADigitAsksForIt()
    {
        using var factory = new DemoFactory();
        string address = factory.ServeOnLoopback();

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await Launch(playwright);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(address + "/");
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('digits'); return i.complete && i.naturalWidth > 0; }");
        (await page.EvalOnSelectorAsync<int>("#digits", "i => i.naturalWidth")).Should().Be(8 * 30 + 2);
        byte[] before = await page.Locator("#digits").ScreenshotAsync();
        string? seedBefore = await page.GetAttributeAsync("#digits", "data-seed");

        IResponse response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#fresh"),
            r => r.Url.Contains("digits.png", StringComparison.Ordinal) && !r.Url.EndsWith("seed=1", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('digits'); return i.complete && i.naturalWidth > 0; }");

        response.Status.Should().Be(200);
        (await page.GetAttributeAsync("#digits", "data-seed")).Should().NotBe(seedBefore);
        byte[] after = await page.Locator("#digits").ScreenshotAsync();
        after.Should().NotEqual(before, "the click shows a new grid");

        // Picking a digit asks the class-conditional generator for it, with the seed the page chose.
        IResponse sevens = await page.RunAndWaitForResponseAsync(
            () => page.SelectOptionAsync("#digit", "7"),
            r => r.Url.Contains("digit=7", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('digits'); return i.complete && i.naturalWidth > 0 && i.src.includes('digit=7'); }");
        sevens.Status.Should().Be(200);
        string seed = (await page.GetAttributeAsync("#digits", "data-seed"))!;
        using var conditional = Dcgan.Onnx.OnnxImageGenerator.Load(factory.ConditionalModelPath);
        (await sevens.BodyAsync()).Should().Equal(Dcgan.Imaging.GeneratorImageExtensions.GenerateGridPng(conditional, 64, long.Parse(seed), label: 7));
    }

    [ChromiumFact]
    public async Task Page_MakingTheDigitsInTheBrowser_GivesTheServersPixelsForTheSameSeed()
    {
        using var factory = new DemoFactory();
        string address = factory.ServeOnLoopback();
        using var generator = Dcgan.Onnx.OnnxImageGenerator.Load(factory.ModelPath);
        using var conditional = Dcgan.Onnx.OnnxImageGenerator.Load(factory.ConditionalModelPath);

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await Launch(playwright);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(address + "/");

        // The page starts on seed 1, any digit: the unconditional generator.
        byte[] made = await MakeInBrowser(page);
        Closest(made, Dcgan.Imaging.GeneratorImageExtensions.GeneratePixels(generator, 64, seed: 1).SelectMany(p => p).ToArray());

        // A digit: the class-conditional generator, with the seed the page chose for the server's image.
        await page.SelectOptionAsync("#digit", "7");
        long seed = long.Parse((await page.GetAttributeAsync("#digits", "data-seed"))!, System.Globalization.CultureInfo.InvariantCulture);
        byte[] sevens = await MakeInBrowser(page);
        Closest(sevens, Dcgan.Imaging.GeneratorImageExtensions.GeneratePixels(conditional, 64, seed, label: 7).SelectMany(p => p).ToArray());
    }

    /// <summary>Debian's Chromium, headless, without the background traffic a test does not want.</summary>
    private static Task<IBrowser> Launch(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    private static async Task<byte[]> MakeInBrowser(IPage page)
    {
        await page.EvalOnSelectorAsync("#canvas", "c => c.dataset.state = 'idle'");
        await page.ClickAsync("#browser");
        await page.WaitForFunctionAsync("() => document.getElementById('canvas').dataset.state !== 'working' && document.getElementById('canvas').dataset.state !== 'idle'",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        string state = (await page.GetAttributeAsync("#canvas", "data-state"))!;
        state.Should().Be("done");
        return (await page.EvaluateAsync<int[]>("() => window.browserPixels")).Select(v => (byte)v).ToArray();
    }

    /// <summary>The browser's 8-bit pixels are the server's, at most one level apart (two float paths, one rounding).</summary>
    private static void Closest(byte[] browser, byte[] server)
    {
        browser.Should().HaveCount(server.Length);
        browser.Zip(server, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThanOrEqualTo(1);
    }
}
