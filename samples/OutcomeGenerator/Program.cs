using System.Globalization;

namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>
/// <c>OutcomeGenerator decisions [--customers 40000] [--control 0.2] [--seed S] [--noise] --out FILE</c>
/// writes synthetic decision lines; <c>OutcomeGenerator outcomes --decisions FILE
/// [--control-rate 0.04] [--uplift 0.5] [--seed S] [--noise] --out FILE</c> writes outcomes for
/// them with a known true uplift (<c>--uplift 0</c>: none).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var options = Arguments.Parse(args.Skip(1));
            switch (args.FirstOrDefault())
            {
                case "decisions":
                    using (var output = File.Create(options.Required("--out")))
                    {
                        SyntheticDecisions.Write(output, new DecisionOptions(
                            options.Int("--customers", 40000), options.Double("--control", 0.2),
                            options.Int("--seed", 20261101), options.Flag("--noise")));
                    }

                    return 0;
                case "outcomes":
                    using (var input = File.OpenText(options.Required("--decisions")))
                    using (var output = File.CreateText(options.Required("--out")))
                    {
                        OutcomeSimulator.Write(input, output, new OutcomeOptions(
                            options.Double("--control-rate", 0.04), options.Double("--uplift", 0.5),
                            options.Int("--seed", 20261124), options.Flag("--noise")));
                    }

                    return 0;
                default:
                    Console.Error.WriteLine("usage: OutcomeGenerator decisions|outcomes [options] (see samples/outcomes/README.md)");
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}

/// <summary>--name value pairs and bare --flags.</summary>
internal sealed class Arguments(Dictionary<string, string?> values)
{
    public static Arguments Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[list[i]] = hasValue ? list[++i] : null;
        }

        return new Arguments(values);
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var v) && v is not null ? v : throw new ArgumentException($"{name} is required");

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        values.TryGetValue(name, out var v) && v is not null ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => values.ContainsKey(name);
}
