using System.Net;
using SixLabors.ImageSharp;

namespace Dcgan.WebDemo.Tests;

public sealed class DigitsEndpointTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task GetDigits_WithCountAndSeed_ReturnsAPngGridOfThatSize()
    {
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/digits.png?count=6&seed=3");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        using Image grid = Image.Load(await response.Content.ReadAsByteArrayAsync());
        grid.Width.Should().Be(3 * 30 + 2);
        grid.Height.Should().Be(2 * 30 + 2);
    }

    [Fact]
    public async Task GetDigits_SameSeedTwice_GivesIdenticalImages_DifferentSeed_DoesNot()
    {
        using HttpClient client = factory.CreateClient();

        byte[] first = await client.GetByteArrayAsync("/digits.png?count=4&seed=11");
        byte[] second = await client.GetByteArrayAsync("/digits.png?count=4&seed=11");
        byte[] other = await client.GetByteArrayAsync("/digits.png?count=4&seed=12");

        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Theory]
    [InlineData("count=0", "count must be an integer from 1 to 256, but was '0'")]
    [InlineData("count=257", "but was '257'")]
    [InlineData("count=many", "but was 'many'")]
    [InlineData("seed=abc", "seed must be a 64-bit integer, but was 'abc'")]
    [InlineData("digit=10", "digit must be an integer from 0 to 9, but was '10'")]
    [InlineData("digit=seven", "but was 'seven'")]
    public async Task GetDigits_BadQuery_Returns400WithAMessage(string query, string message)
    {
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/digits.png?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
    }

    [Fact]
    public async Task GetHealth_BothGeneratorsLoaded_IsHealthy()
    {
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task GetPage_HasTheButtonAndTheImage()
    {
        using HttpClient client = factory.CreateClient();

        string html = await client.GetStringAsync("/");

        html.Should().Contain("id=\"fresh\"").And.Contain("id=\"digits\"").And.Contain("digits.png?count=64").And.Contain("id=\"digit\"").And.Contain("&digit=");
    }

    [Fact]
    public async Task GetDigits_WithADigit_UsesTheConditionalGeneratorWithThatLabel()
    {
        using HttpClient client = factory.CreateClient();
        using var conditional = Dcgan.Onnx.OnnxImageGenerator.Load(factory.ConditionalModelPath);

        byte[] sevens = await client.GetByteArrayAsync("/digits.png?count=4&seed=5&digit=7");
        byte[] any = await client.GetByteArrayAsync("/digits.png?count=4&seed=5");
        byte[] empty = await client.GetByteArrayAsync("/digits.png?count=4&seed=5&digit=");

        sevens.Should().Equal(Dcgan.Imaging.GeneratorImageExtensions.GenerateGridPng(conditional, 4, 5, label: 7));
        empty.Should().Equal(any, "an empty digit is the page's 'any' choice");
        sevens.Should().NotEqual(any);
    }

    [Fact]
    public async Task GetDigits_SixteenConcurrentRequests_AllSucceedAndMatchSequentialOnes()
    {
        using HttpClient client = factory.CreateClient();
        byte[][] sequential = new byte[16][];
        for (int seed = 0; seed < 16; seed++)
            sequential[seed] = await client.GetByteArrayAsync($"/digits.png?count=4&seed={seed}");

        byte[][] concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(seed => client.GetByteArrayAsync($"/digits.png?count=4&seed={seed}")));

        for (int seed = 0; seed < 16; seed++)
            concurrent[seed].Should().Equal(sequential[seed]);
    }
}
