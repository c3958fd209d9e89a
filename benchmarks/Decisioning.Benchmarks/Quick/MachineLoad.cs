namespace Decisioning.Benchmarks.Quick;

/// <summary>The machine's load averages, printed beside figures taken on a shared machine.</summary>
internal static class MachineLoad
{
    /// <summary>The 1, 5 and 15-minute load averages (Linux), or "unknown".</summary>
    public static string Averages() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
