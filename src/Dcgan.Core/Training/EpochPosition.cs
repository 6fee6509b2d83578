using static TorchSharp.torch;

namespace Dcgan.Training;

/// <summary>
/// Where an interrupted epoch stood, so that a resume continues it exactly: the epoch's shuffled order of the images, the
/// steps it had completed and the sums of their metrics (for the epoch's summary).
/// </summary>
/// <param name="Order">The epoch's permutation of the image indices, int64 <c>[count]</c>.</param>
/// <param name="StepsDone">Steps of the epoch already taken; the resume starts at the next.</param>
/// <param name="Sums">The metrics of those steps, summed.</param>
internal sealed record EpochPosition(Tensor Order, int StepsDone, StepMetrics Sums);
