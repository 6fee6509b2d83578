namespace Dcgan;

/// <summary>
/// Thrown by <see cref="DcganBuilder.Build"/> when the configuration is invalid. Lists every problem at once,
/// so a user fixes them all in one go.
/// </summary>
public sealed class DcganValidationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of problems.</summary>
    /// <param name="errors">One message per problem.</param>
    public DcganValidationException(IReadOnlyList<string> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a single message.</summary>
    public DcganValidationException()
        : this(["The DCGAN configuration is invalid."])
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    /// <param name="message">The problem.</param>
    public DcganValidationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a single message and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public DcganValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found, one message each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? "Invalid DCGAN configuration: " + errors[0]
            : $"Invalid DCGAN configuration ({errors.Count} problems):" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => " - " + e));
    }
}
