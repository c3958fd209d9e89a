using System.Globalization;

namespace Decisioning.Hosting;

/// <summary>"1 error", "2 errors", "1,200 errors": a count of diagnostics in a message, as the command line words it.</summary>
internal static class ErrorCount
{
    public static string Of(int count) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " error" : " errors");
}
