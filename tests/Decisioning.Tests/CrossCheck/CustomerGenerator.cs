namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Random valid snapshots for a <see cref="RandomMap"/>: values on and around the conditions'
/// constants, optional fields null or absent, and events and contacts placed exactly on the
/// window boundaries of the map (<c>at - within</c>, <c>at - per</c>, <c>at - cooldown</c>, <c>at</c>)
/// and one second (or one millisecond) either side.
/// </summary>
public sealed class CustomerGenerator(Random rng, RandomMap map, DateTime at)
{
    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(8), TimeSpan.FromHours(-5)];

    private readonly List<DateTime> _instants = Instants(map, at);

    public RandomCustomer Next()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in map.Fields)
        {
            var roll = rng.NextDouble();
            if (f.Optional && roll < 0.2)
            {
                continue; // absent
            }

            values[f.Name] = f.Optional && roll < 0.4 ? null : Value(f.Kind);
        }

        return new RandomCustomer
        {
            Id = Pick(MapGenerator.IdPool),
            Values = values,
            Extra = rng.NextDouble() < 0.3 ? [("note", "未声明"), ("customerIdx", "x")] : [],
            Holdings = rng.NextDouble() < 0.2 ? null
                : map.Products.Select(p => p.Id).Append("unknown-product").Where(_ => rng.NextDouble() < 0.35).ToList(),
            Events = rng.NextDouble() < 0.2 ? null : Enumerable.Range(0, rng.Next(5)).Select(_ => Event()).ToList(),
            Contacts = rng.NextDouble() < 0.2 ? null : Enumerable.Range(0, rng.Next(7)).Select(_ => Contact()).ToList(),
            Responses = rng.NextDouble() < 0.3 ? null : Enumerable.Range(0, rng.Next(6)).Select(_ => Response()).ToList(),
        };
    }

    private object Value(RKind kind) => kind switch
    {
        RKind.Int => Pick(CondGenerator.IntPool) + rng.Next(-1, 2),
        RKind.Decimal => rng.Next(4) switch
        {
            0 => Pick(CondGenerator.DecimalPool) + 0.01m,
            1 => Pick(CondGenerator.DecimalPool) - 0.01m,
            2 => Pick(CondGenerator.DecimalPool) + 0.00m, // same value, written with trailing zeros
            _ => Pick(CondGenerator.DecimalPool),
        },
        RKind.Bool => rng.Next(2) == 0,
        RKind.String => Pick(CondGenerator.StringPool),
        _ => new RDate(Pick(["2026-09-10", "2026-09-10T08:00:00+08:00", "2025-01-31T23:59:59Z"])),
    };

    private REvent Event()
    {
        var declared = map.Events.Count > 0 && rng.NextDouble() < 0.85;
        var type = declared ? Pick(map.Events) : null;
        var payload = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in type?.Payload ?? [])
        {
            if (f.Optional && rng.NextDouble() < 0.3)
            {
                payload[f.Name] = null;
            }
            else if (!f.Optional || rng.NextDouble() < 0.7)
            {
                payload[f.Name] = Value(f.Kind);
            }
        }

        return new REvent(type?.Id ?? "undeclared-event", Pick(_instants), Pick(Offsets), payload);
    }

    private RContact Contact() => new(
        rng.NextDouble() < 0.9 ? Pick(map.Channels).Id : null,
        Pick(_instants),
        Pick(Offsets),
        rng.NextDouble() < 0.8 ? Pick(map.Strategies).Id : null,
        rng.NextDouble() < 0.5 ? Pick(map.Products).Id : null,
        rng.NextDouble() < 0.5 ? "sent" : null,
        rng.NextDouble() < 0.5 ? null : rng.Next(1, 5));

    private RResponse Response() => new(
        Pick(_instants),
        Pick(Offsets),
        rng.NextDouble() < 0.6 ? Pick(map.Strategies).Id : null,
        rng.NextDouble() < 0.6 ? Pick(map.Products).Id : null,
        Pick(["responded", "declined", "converted"]),
        rng.NextDouble() < 0.5 ? null : Pick([0.0, 1200.0, 0.5]));

    /// <summary>Every boundary the map's windows have at <paramref name="at"/>, and a step either side.</summary>
    private static List<DateTime> Instants(RandomMap map, DateTime at)
    {
        var spans = map.Scenarios.Where(s => s.Within is not null).Select(s => s.Within!.Span)
            .Concat(map.Channels.Where(c => c.Per is not null).Select(c => c.Per!.Span))
            .Concat(map.Strategies.Where(s => s.Cooldown is not null).Select(s => s.Cooldown!.Span))
            .Concat(map.Strategies.SelectMany(s => s.Waves).Select(w => w.After.Span))
            .Concat(map.Suppression.SelectMany(r => new[] { r.Within?.Span, r.Pause.Span }).OfType<TimeSpan>())
            .Append(TimeSpan.Zero)
            .Distinct();
        var instants = new List<DateTime>();
        foreach (var span in spans)
        {
            var edge = at - span;
            instants.AddRange([edge, edge.AddSeconds(1), edge.AddSeconds(-1), edge.AddMilliseconds(1), edge.AddMilliseconds(-1)]);
        }

        instants.AddRange([at.AddDays(-45), at.AddHours(-5), at.AddDays(2)]);
        return instants;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
