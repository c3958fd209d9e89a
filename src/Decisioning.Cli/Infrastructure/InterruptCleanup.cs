using System.Runtime.InteropServices;
using Decisioning.Files;

namespace Decisioning.Cli.Infrastructure;

/// <summary>
/// While a batch runs: on Ctrl-C (SIGINT) or SIGTERM the batch's hidden work folders are removed
/// before the process ends, so an interrupted run leaves no hundreds of megabytes behind in
/// <c>--out</c>. The signal then ends the process as it would have (no <c>finally</c> runs, which is
/// why the folders are removed here). What a kill -9 leaves is swept by the next run.
/// </summary>
internal sealed class InterruptCleanup : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private InterruptCleanup() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal =>
            PosixSignalRegistration.Create(signal, _ => WorkFolders.Interrupt()))];

    /// <summary>Removes the work folders on an interrupt until disposed.</summary>
    public static InterruptCleanup Register() => new();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
