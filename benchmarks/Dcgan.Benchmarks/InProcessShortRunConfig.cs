using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Dcgan.Benchmarks;

/// <summary>BenchmarkDotNet's short run, in-process: no per-benchmark project build, which would copy libtorch again.</summary>
internal sealed class InProcessShortRunConfig : ManualConfig
{
    public InProcessShortRunConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
