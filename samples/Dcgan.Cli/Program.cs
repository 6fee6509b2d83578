// dcgan: train a DCGAN on MNIST (or your images) and use the trained generator, through Dcgan's public API only.
//
//   dcgan train       [--epochs N] [--batch-size N] [--output ./outputs] [--data-dir DIR] [--seed N] [--limit N] [--threads N] [--resume CHECKPOINT]
//                     [--images DIR [--grayscale]] [--image-size 28|32|64]
//                     [--loss non-saturating|hinge|wgan-gp] [tuning options]   (defaults: the library's; `dcgan train --help` lists them)
//   dcgan generate    [--model FILE (default: the pretrained generator)] [--count 64] [--seed 0] [--output ./generated]
//   dcgan interpolate [--model FILE] [--from-seed 0] [--to-seed 1] [--steps 10] [--output interpolation.png]
//   dcgan export      (--checkpoint FILE | --model FILE) [--format dcgan|onnx] [--output generator.dcgan]
//   dcgan summary     [--model FILE] [--image-size 28]
//   dcgan plot        [--metrics ./outputs/metrics.csv] [--output ./outputs/losses.png]
//   dcgan evaluate    [--model FILE] [--count 10000] [--seed 0] [--json] [--floor]
//   dcgan train-classifier [--epochs 4] [--seed 1] [--output mnist-classifier.bin]

using System.CommandLine;
using Dcgan.Cli;

// 1. The commands.
var root = new RootCommand("Train Deep Convolutional GANs on MNIST and generate handwritten digits.")
{
    TrainCommand.Create(),
    GenerateCommand.Create(),
    InterpolateCommand.Create(),
    ExportCommand.Create(),
    SummaryCommand.Create(),
    PlotCommand.Create(),
    EvaluateCommand.Create(),
    NeighboursCommand.Create(),
    TrainClassifierCommand.Create(),
};

// 2. Parse and run. Bad input exits 2 whether the parser or a command finds it (System.CommandLine's own parse-error
// action prints the errors and usage, and would exit 1).
ParseResult parsed = root.Parse(args);
using var stop = new StopSignals();
// StopSignals replaces System.CommandLine's handler, which would end the process 2 s after the signal: a final
// checkpoint of a large model can take longer.
int exitCode = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
return parsed.Errors.Count > 0 ? 2 : stop.ExitCode ?? exitCode;
