// Dcgan benchmark program: whole-run and embedding figures for docs/performance.md.
//
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- embedding --model outputs/generator.dcgan
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- training --epochs 5
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- steps --rounds 3   (needs /usr/bin/python3 with python3-torch; --config default: no PyTorch column)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- precision --rounds 3  (float32 against bfloat16 steps)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- soak --epochs 30
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- micro              (BenchmarkDotNet)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- backends           (BenchmarkDotNet: TorchSharp vs ONNX Runtime)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- footprint --runs 10 (publish sizes and cold starts)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- quality --config default --csv q-default.csv (minutes against Fréchet distance)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- quality --images recipe-snapshots --name pytorch-recipe --csv q-recipe.csv
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- quality-chart q-*.csv --output docs/images/time-to-quality.png

using System.CommandLine;
using Dcgan.Benchmarks;

// 1. The verbs.
var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Environment.ProcessorCount, Recursive = true };

var model = new Option<string>("--model") { Description = "A generator file.", Required = true };
var embedding = new Command("embedding", "Generator file size, load time and generation latency.") { model };
embedding.SetAction(r => EmbeddingBenchmark.Run(r.GetValue(model)!, r.GetValue(threads)));

var epochs = new Option<int>("--epochs") { Description = "Epochs of the default run.", DefaultValueFactory = _ => 5 };
var training = new Command("training", "Seconds per MNIST epoch and RSS at default settings.") { epochs };
training.SetAction(r => TrainingBenchmark.Run(r.GetValue(epochs), r.GetValue(threads)));

var rounds = new Option<int>("--rounds") { Description = "Rounds, each running all three loops in turn.", DefaultValueFactory = _ => 3 };
var steps = new Option<int>("--steps") { Description = "Timed steps per measurement.", DefaultValueFactory = _ => 200 };
var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 20 };
var script = new Option<string>("--pytorch-script") { Description = "The PyTorch reference.", DefaultValueFactory = _ => "benchmarks/pytorch/dcgan_step.py" };
var stepsConfig = new Option<string>("--config") { Description = $"One of {string.Join(", ", TimeToQualityBenchmark.Configurations.Keys)} (PyTorch runs beside plain only).", DefaultValueFactory = _ => "plain" };
var stepsCommand = new Command("steps", "Training-step throughput: Dcgan trainer vs a hand-written TorchSharp loop (vs PyTorch for plain).") { stepsConfig, rounds, steps, warmup, script };
stepsCommand.SetAction(r => StepBenchmark.Run(r.GetValue(stepsConfig)!, r.GetValue(rounds), r.GetValue(steps), r.GetValue(warmup), r.GetValue(threads), r.GetValue(script)!));

var precisionConfig = new Option<string>("--config") { Description = $"One of {string.Join(", ", TimeToQualityBenchmark.Configurations.Keys)}.", DefaultValueFactory = _ => "default" };
var trainSteps = new Option<int>("--train-steps") { Description = "Then train this many steps in each type from the same weights and score both generators (0: none).", DefaultValueFactory = _ => 0 };
var precision = new Command("precision", "Training-step throughput of the hand-written loop in float32 and in bfloat16, alternated; optionally trained and scored.") { precisionConfig, rounds, steps, warmup, trainSteps };
precision.SetAction(r => PrecisionBenchmark.Run(r.GetValue(precisionConfig)!, r.GetValue(rounds), r.GetValue(steps), r.GetValue(warmup), r.GetValue(trainSteps), r.GetValue(threads)));

var soakEpochs = new Option<int>("--epochs") { Description = "Soak epochs.", DefaultValueFactory = _ => 30 };
var soakImages = new Option<int>("--images") { Description = "Training images in the soak subset.", DefaultValueFactory = _ => 6400 };
var calls = new Option<int>("--calls") { Description = "Concurrent generation calls.", DefaultValueFactory = _ => 5000 };
var soak = new Command("soak", "RSS over many epochs, then 16 threads generating from one generator.") { soakEpochs, soakImages, calls };
soak.SetAction(r => SoakBenchmark.Run(r.GetValue(soakEpochs), r.GetValue(soakImages), r.GetValue(calls), r.GetValue(threads)));

var micro = new Command("micro", "BenchmarkDotNet: Generator.Load and generating 1 and 1,000 digits.");
micro.SetAction(_ => BenchmarkDotNet.Running.BenchmarkRunner.Run<GenerationBenchmarks>());

var backends = new Command("backends", "BenchmarkDotNet: the pretrained generator on TorchSharp and on ONNX Runtime, one and two threads.");
backends.SetAction(_ => BenchmarkDotNet.Running.BenchmarkRunner.Run<BackendBenchmarks>());

var footprintRuns = new Option<int>("--runs") { Description = "Cold starts per app, alternated.", DefaultValueFactory = _ => 10 };
var footprint = new Command("footprint", "Publish a one-PNG console app on Dcgan.Core + libtorch and on Dcgan.Onnx: sizes and cold starts.") { footprintRuns };
footprint.SetAction(r => FootprintBenchmark.Run(r.GetValue(footprintRuns)));

var qualityConfig = new Option<string>("--config") { Description = $"One of {string.Join(", ", TimeToQualityBenchmark.Configurations.Keys)}.", DefaultValueFactory = _ => "default" };
var qualityEpochs = new Option<int>("--epochs") { Description = "Epochs at most.", DefaultValueFactory = _ => 5 };
var qualityMinutes = new Option<double>("--minutes") { Description = "Training minutes at most.", DefaultValueFactory = _ => 15 };
var qualityEvery = new Option<double>("--every") { Description = "Seconds of training between scored points.", DefaultValueFactory = _ => 60 };
var qualitySeed = new Option<long>("--seed") { Description = "Seed of the run.", DefaultValueFactory = _ => 42 };
var qualityCsv = new Option<string>("--csv") { Description = "The CSV to write.", Required = true };
var qualityImages = new Option<string?>("--images") { Description = "Score another tool's snapshots instead (minutes_MMM.MM.f32 files in this directory)." };
var qualityName = new Option<string>("--name") { Description = "With --images: the run's name in the CSV.", DefaultValueFactory = _ => "pytorch-recipe" };
var quality = new Command("quality", "Time to quality: training minutes against Fréchet distance, confidence and digit shares (CSV).")
    { qualityConfig, qualityEpochs, qualityMinutes, qualityEvery, qualitySeed, qualityCsv, qualityImages, qualityName };
quality.SetAction(r =>
{
    if (r.GetValue(qualityImages) is string snapshots)
        TimeToQualityBenchmark.ScoreImages(snapshots, r.GetValue(qualityName)!, r.GetValue(qualitySeed), r.GetValue(qualityCsv)!);
    else
        TimeToQualityBenchmark.Run(r.GetValue(qualityConfig)!, r.GetValue(qualityEpochs), r.GetValue(qualityMinutes), r.GetValue(qualityEvery), r.GetValue(qualitySeed), r.GetValue(threads), r.GetValue(qualityCsv)!);
});

var chartCsvs = new Argument<string[]>("csv") { Description = "Time-to-quality CSVs.", Arity = ArgumentArity.OneOrMore };
var chartOutput = new Option<string>("--output") { Description = "The PNG to write.", DefaultValueFactory = _ => "docs/images/time-to-quality.png" };
var qualityChart = new Command("quality-chart", "One ScottPlot chart of several time-to-quality CSVs, and their table.") { chartCsvs, chartOutput };
qualityChart.SetAction(r => QualityChart.Run(r.GetValue(chartCsvs)!, r.GetValue(chartOutput)!));

var root = new RootCommand("Dcgan benchmarks.") { threads, embedding, training, stepsCommand, precision, soak, micro, backends, footprint, quality, qualityChart };

// 2. Run.
return root.Parse(args).Invoke();
