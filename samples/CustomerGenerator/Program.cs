using System.Globalization;
using System.Text;

namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// <c>CustomerGenerator [--count 3000] [--seed 42] [--at 2026-11-26T00:00:00Z] [--bad] [--vip-list FILE] [--out FILE | FILE]</c>
/// writes deterministic synthetic customer snapshots, one JSON object a line, to stdout or FILE.
/// <c>--bad</c> writes a few good customers with deliberately broken lines mixed in;
/// <c>--vip-list FILE</c> also writes the ids of the year-end VIP list (名单), one a line.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: CustomerGenerator [--count 3000] [--seed 42] [--at 2026-11-26T00:00:00Z] [--bad] [--vip-list FILE] [--out FILE | FILE]";

    public static int Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var factory = new CustomerFactory(options.Seed, options.At);
        var lines = options.Bad ? BadMix(factory) : Enumerable.Range(1, options.Count).Select(n => SnapshotWriter.ToJson(factory.Create(n)));
        try
        {
            using (var output = options.Out is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                : new StreamWriter(options.Out, false, new UTF8Encoding(false)))
            {
                output.NewLine = "\n";
                foreach (var line in lines)
                {
                    output.WriteLine(line);
                }
            }

            if (options.VipList is { } vipPath)
            {
                var ids = Enumerable.Range(1, options.Count).Where(CustomerFactory.IsVip).Select(CustomerFactory.IdOf);
                File.WriteAllText(vipPath, string.Concat(ids.Select(id => id + "\n")), new UTF8Encoding(false));
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }

        return 0;
    }

    /// <summary>Good customers C00001.. with a bad line after each one.</summary>
    private static IEnumerable<string> BadMix(CustomerFactory factory)
    {
        var number = 0;
        foreach (var (_, line) in BadLines.All)
        {
            yield return SnapshotWriter.ToJson(factory.Create(++number));
            yield return line;
        }

        yield return SnapshotWriter.ToJson(factory.Create(++number));
    }

    private sealed record Options(int Count, int Seed, DateTime At, bool Bad, string? Out, string? VipList, bool Help)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            var o = new Options(3000, 42, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), false, null, null, false);
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                o = args[i] switch
                {
                    "--count" => o with { Count = PositiveInt(Value(), "--count") },
                    "--seed" => o with { Seed = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new FormatException("--seed must be a whole number") },
                    "--at" => o with { At = Instant(Value()) },
                    "--bad" => o with { Bad = true },
                    "--out" => o with { Out = Value() },
                    "--vip-list" => o with { VipList = Value() },
                    "-h" or "--help" => o with { Help = true },
                    var a when !a.StartsWith('-') && o.Out is null => o with { Out = a },
                    var a => throw new FormatException($"unknown argument '{a}'"),
                };
            }

            return o;
        }

        private static int PositiveInt(string text, string what) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 100_000
                ? n
                : throw new FormatException($"{what} must be a whole number from 1 to 99999, not '{text}'");

        private static DateTime Instant(string text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at.UtcDateTime
                : throw new FormatException($"--at must be an ISO-8601 date-time, not '{text}'");
    }
}
