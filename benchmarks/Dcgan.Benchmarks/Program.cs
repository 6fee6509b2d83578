// Dcgan benchmark program: whole-run and embedding figures for docs/performance.md.
//
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- embedding --model outputs/generator.dcgan
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- training --epochs 5
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- steps --rounds 3   (needs /usr/bin/python3 with python3-torch)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- soak --epochs 30
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- micro              (BenchmarkDotNet)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- backends           (BenchmarkDotNet: TorchSharp vs ONNX Runtime)
//   dotnet run --project benchmarks/Dcgan.Benchmarks -c Release -- footprint --runs 10 (publish sizes and cold starts)

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
var stepsCommand = new Command("steps", "Training-step throughput: Dcgan trainer vs a hand-written TorchSharp loop vs PyTorch.") { rounds, steps, warmup, script };
stepsCommand.SetAction(r => StepBenchmark.Run(r.GetValue(rounds), r.GetValue(steps), r.GetValue(warmup), r.GetValue(threads), r.GetValue(script)!));

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

var root = new RootCommand("Dcgan benchmarks.") { threads, embedding, training, stepsCommand, soak, micro, backends, footprint };

// 2. Run.
return root.Parse(args).Invoke();
