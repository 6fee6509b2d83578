using Dcgan.Persistence;
using Dcgan.Tests;
using Dcgan.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dcgan.Hosting.Tests;

/// <summary>Training as a hosted background job, the worker-service way: stopping the host cancels it within a step and leaves a checkpoint that resumes.</summary>
public sealed class HostedTrainingTests
{
    /// <summary>A worker service's training job: trains until done or until the host stops it.</summary>
    private sealed class TrainingWorker(string output) : BackgroundService
    {
        public TaskCompletionSource FirstStep { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool StoppedByHost { get; private set; }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                using TrainingResult result = await new DcganBuilder()
                    .WithDataSource(EmojiSubsetSource.Labelled(256))
                    .WithFeatureMaps(8, 8).WithLatentSize(16).WithBatchSize(32).WithSeed(9).WithThreads(2)
                    .WithEpochs(1000)
                    .WithOutputDirectory(output)
                    .WithCheckpoints(Path.Combine(output, "checkpoints"))
                    .TrainAsync(new FirstReport(FirstStep), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                StoppedByHost = true;
            }
        }
    }

    private sealed class FirstReport(TaskCompletionSource first) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => first.TrySetResult();
    }

    [Fact]
    public async Task StoppingTheHost_CancelsTrainingWithinAStepAndLeavesAResumableCheckpoint()
    {
        using var output = TestData.CreateTemporaryDirectory();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new TrainingWorker(output.Path));
        builder.Services.AddHostedService(services => services.GetRequiredService<TrainingWorker>());
        using IHost host = builder.Build();
        TrainingWorker worker = host.Services.GetRequiredService<TrainingWorker>();

        await host.StartAsync();
        await worker.FirstStep.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await host.StopAsync(TimeSpan.FromSeconds(30));

        worker.StoppedByHost.Should().BeTrue();
        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "training stops after the current step");
        string checkpoint = Directory.GetFiles(Path.Combine(output.Path, "checkpoints"), "checkpoint_epoch_*_step_*.dcgan-ckpt").Should().ContainSingle().Subject;
        using Models.Generator saved = CheckpointFile.LoadGenerator(checkpoint);
        saved.Training!.Steps.Should().BeGreaterThan(0);
    }
}
