using System.Runtime.InteropServices;

namespace Dcgan.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM ask the running command to stop: the first one cancels <see cref="Token"/>, so training
/// stops within one step and writes a checkpoint it can resume from; a second one ends the process at once.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;
    private int received;

    public StopSignals()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>128 plus the number of the signal that stopped the command (130 for SIGINT, 143 for SIGTERM), the shell's convention; null when none came.</summary>
    public int? ExitCode { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref received) > 1)
            return; // the second signal takes its default action: the process ends now
        context.Cancel = true;
        ExitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        Console.Error.WriteLine($"{context.Signal} received: stopping after the current step (send it again to end at once).");
        cancellation.Cancel();
    }

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        cancellation.Dispose();
    }
}
