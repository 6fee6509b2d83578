using System.CommandLine;
using Dcgan.Models;
using Dcgan.Training;
using Dcgan.Training.Losses;

namespace Dcgan.Cli;

/// <summary>
/// The tuning options of <c>dcgan train</c>. Each one that is given overrides the library's default; the
/// others leave it alone, so a run without any of them is the library's default run.
/// </summary>
internal sealed class TuningOptions
{
    private readonly Option<int?> generatorFeatures = new("--generator-features") { Description = "Width of the generator's last hidden layer (deeper layers double it)." };
    private readonly Option<int?> discriminatorFeatures = new("--discriminator-features") { Description = "Width of the discriminator's first layer (deeper layers double it)." };
    private readonly Option<double?> generatorRate = new("--generator-lr") { Description = "Adam learning rate of the generator." };
    private readonly Option<double?> discriminatorRate = new("--discriminator-lr") { Description = "Adam learning rate of the discriminator." };
    private readonly Option<int?> generatorSteps = new("--generator-steps") { Description = "Generator steps after each discriminator step, each on fresh noise." };
    private readonly Option<int?> learningRateDecay = new("--lr-decay-epochs") { Description = "Let both learning rates fall linearly towards zero over the last N epochs (0: constant); with --resume it may change, to anneal a finished run." };
    private readonly Option<double?> beta1 = new("--beta1") { Description = "Adam's first-moment decay, for both networks." };
    private readonly Option<double?> beta2 = new("--beta2") { Description = "Adam's second-moment decay, for both networks." };
    private readonly Option<double?> labelSmoothing = new("--label-smoothing") { Description = "One-sided label smoothing: real images are learned towards 1 - this value." };
    private readonly Option<string?> loss = new Option<string?>("--loss") { Description = "The adversarial loss; wgan-gp also removes the discriminator's batch norm." }
        .AcceptOnlyFromAmong([.. AdversarialLoss.Names]);
    private readonly Option<bool?> minibatchStdDev = new("--minibatch-stddev") { Description = "Give the discriminator a minibatch standard-deviation feature (true or false)." };
    private readonly Option<int?> minibatchDiscrimination = new("--minibatch-discrimination") { Description = "Kernels of the discriminator's minibatch discrimination layer; 0 removes it." };
    private readonly Option<int?> packing = new("--packing") { Description = "Images the discriminator judges together (PacGAN); the batch size must be a multiple of it." };
    private readonly Option<string?> precision = new Option<string?>("--precision") { Description = "Arithmetic of the training passes: float32, or bfloat16 working copies of float32 networks (faster on CPUs with AVX-512 BF16)." }
        .AcceptOnlyFromAmong("float32", "bfloat16");
    private readonly Option<bool> conditional = new("--conditional") { Description = "Train a class-conditional pair on the ten digits (generate --digit then asks for one)." };

    /// <summary>Every option, to add to the command.</summary>
    public IEnumerable<Option> All =>
        [generatorFeatures, discriminatorFeatures, generatorRate, discriminatorRate, generatorSteps, learningRateDecay, beta1, beta2, loss, labelSmoothing, minibatchStdDev, minibatchDiscrimination, packing, precision, conditional];

    /// <summary>Applies the options that <paramref name="result"/> holds to <paramref name="builder"/>.</summary>
    public void ApplyTo(DcganBuilder builder, ParseResult result)
    {
        if (result.GetValue(conditional))
            builder.WithClassConditioning();
        if (result.GetValue(loss) is string name)
            builder.WithLoss(AdversarialLoss.FromName(name));
        if (result.GetValue(labelSmoothing) is double smoothing)
            builder.WithLabelSmoothing(smoothing);
        if (result.GetValue(minibatchStdDev) is bool stdDev)
            builder.WithMinibatchStdDev(stdDev);
        if (result.GetValue(minibatchDiscrimination) is int kernels)
            builder.WithMinibatchDiscrimination(kernels);
        if (result.GetValue(learningRateDecay) is int decayEpochs)
            builder.WithLearningRateDecay(decayEpochs);
        if (result.GetValue(precision) is string arithmetic)
            builder.WithPrecision(Enum.Parse<TrainingPrecision>(arithmetic, ignoreCase: true));
        if (result.GetValue(packing) is int pack)
            builder.WithDiscriminatorPacking(pack);
        builder.Configure(options =>
        {
            DcganArchitecture architecture = options.Architecture;
            options.Architecture = architecture with
            {
                Generator = architecture.Generator with { FeatureMaps = result.GetValue(generatorFeatures) ?? architecture.Generator.FeatureMaps },
                Discriminator = architecture.Discriminator with { FeatureMaps = result.GetValue(discriminatorFeatures) ?? architecture.Discriminator.FeatureMaps },
            };
            OptimizationOptions optimization = options.Optimization;
            optimization.GeneratorLearningRate = result.GetValue(generatorRate) ?? optimization.GeneratorLearningRate;
            optimization.DiscriminatorLearningRate = result.GetValue(discriminatorRate) ?? optimization.DiscriminatorLearningRate;
            optimization.GeneratorStepsPerBatch = result.GetValue(generatorSteps) ?? optimization.GeneratorStepsPerBatch;
            optimization.Beta1 = result.GetValue(beta1) ?? optimization.Beta1;
            optimization.Beta2 = result.GetValue(beta2) ?? optimization.Beta2;
        });
    }
}
