using System.Diagnostics;
using Xunit;

namespace Decisioning.Tests.Liquid;

/// <summary>Shopify's own Liquid, run as Debian's ruby with ruby-liquid: finds it and renders with it.</summary>
internal static class RubyLiquid
{
    public const string InstallHint = "tests/Decisioning.Tests/Liquid/install-ruby-liquid.sh installs it (apt-get install ruby ruby-liquid); .ci/run calls it";

    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Why the differential tests cannot run, or null when ruby and liquid are there.</summary>
    public static string? SkipReason => Missing.Value;

    /// <summary>Renders every request line (JSON) with render.rb; one JSON answer a line, in order.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<string> requests)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Liquid", "render.rb");
        var start = new ProcessStartInfo("ruby", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.Environment["LANG"] = "C.UTF-8";
        using var ruby = Process.Start(start)!;
        var output = ruby.StandardOutput.ReadToEndAsync();
        var error = ruby.StandardError.ReadToEndAsync();
        foreach (var request in requests)
        {
            ruby.StandardInput.Write(request + "\n");
        }

        ruby.StandardInput.Close();
        Assert.True(ruby.WaitForExit(60_000), "ruby did not finish within a minute");
        Assert.True(ruby.ExitCode == 0, $"render.rb failed: {error.Result}");
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? Probe()
    {
        try
        {
            using var ruby = Process.Start(new ProcessStartInfo("ruby", ["-e", "require 'liquid'; print Liquid::VERSION"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var version = ruby.StandardOutput.ReadToEnd();
            ruby.WaitForExit(30_000);
            return ruby.ExitCode == 0 ? null : $"ruby is installed but cannot load liquid, so scripts were NOT compared with Shopify Liquid; {InstallHint}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"ruby is not installed, so scripts were NOT compared with Shopify Liquid; {InstallHint}";
        }
    }
}

/// <summary>A fact that skips, with its reason, only when ruby or ruby-liquid cannot be found.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RubyLiquidFactAttribute : FactAttribute
{
    public RubyLiquidFactAttribute()
    {
        if (RubyLiquid.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
