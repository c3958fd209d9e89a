using Decisioning.Snapshots;
using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Generation;

/// <summary>
/// The generator of whole customers for a <see cref="MapSchema"/>: an id (sometimes from a named
/// list), every declared field, holdings from the map's products, events of the declared types
/// around each scenario's window, and contacts on the map's channels and strategies around each
/// contact policy's and cooldown's edges, in bursts that reach a channel's cap.
/// </summary>
internal static class CustomerGen
{
    /// <summary>The most contacts a burst on one channel holds: its contact cap and one more, up to this.</summary>
    internal const int LargestBurst = 100;

    public static Gen<GeneratedCustomer> For(MapSchema schema)
    {
        // Built once: a query's later generators would otherwise be rebuilt for every customer.
        var (ids, fields, holdings, events, contacts) = (Id(schema), Fields(schema), Holdings(schema), Events(schema), Contacts(schema));
        var responses = Responses(schema);
        return from id in ids
               from values in fields
               from held in holdings
               from happened in events
               from contacted in contacts
               from answered in responses
               select new GeneratedCustomer(schema.IdField, id, values, held, happened, contacted, answered);
    }

    /// <summary>An id not taken from a named list: the shrinker's plainest id.</summary>
    public const string PlainId = "C00001";

    private static Gen<string> Id(MapSchema schema)
    {
        var plain = Gen.Choose(1, 99999).Select(n => "C" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        return schema.ListedIds.Count == 0 ? plain : Gen.Frequency((1, Pick.From(schema.ListedIds)), (3, plain));
    }

    // Fields one after the other, so that a field can be drawn relative to one drawn before it.
    private static Gen<KeyValuePair<string, object?>[]> Fields(MapSchema schema)
    {
        var fields = Gen.Constant(Array.Empty<KeyValuePair<string, object?>>());
        foreach (var field in schema.Fields)
        {
            var values = FieldValues.For(field, schema);
            fields = fields.SelectMany(done => values(done)
                .Select(value => (KeyValuePair<string, object?>[])[.. done, new(field.Name, value)]));
        }

        return fields;
    }

    // A product a scenario wants held is held half the time, any other one time in eight: every
    // product gate goes both ways, and most customers still lack most products.
    private static Gen<string[]> Holdings(MapSchema schema)
    {
        var some = Gen.CollectToArray(schema.Products, p => Gen.Choose(0, schema.SoughtHoldings.Contains(p) ? 1 : 7).Select(k => k == 0 ? p : null))
            .Select(picked => picked.OfType<string>().ToArray());
        return Gen.Frequency((1, Gen.Constant(Array.Empty<string>())), (4, some));
    }

    private static Gen<EventSnapshot[]> Events(MapSchema schema)
    {
        if (schema.Events.Count == 0)
        {
            return Gen.Constant(Array.Empty<EventSnapshot>());
        }

        var one = Gen.Frequency(schema.Events.Select(e => (e.Windows.Count > 0 ? 3 : 1, Event(e))));
        var count = Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (3, Gen.Constant(2)), (3, Gen.Constant(3)), (2, Gen.Constant(4)));
        return count.SelectMany(n => Gen.ArrayOf(one, n));

        Gen<EventSnapshot> Event(EventSpec spec)
        {
            var payload = Gen.CollectToArray(spec.Payload,
                f => FieldValues.For(f, schema)([]).Select(v => new KeyValuePair<string, object?>(f.Name, v)));
            var times = TimeEdges.Around(schema.At, spec.Windows, schema.ShiftedWindows);
            return from at in times
                   from values in payload
                   select new EventSnapshot(spec.Type, at, new Dictionary<string, object?>(values, StringComparer.Ordinal));
        }
    }

    // Now and then a contact for each strategy, around its cooldown's edges; now and then a burst
    // on each capped channel, up to one more than its cap, around its window's edges.
    private static Gen<ContactSnapshot[]> Contacts(MapSchema schema)
    {
        var byStrategy = schema.Strategies.Select(s => Sometimes(1, 4, StrategyContact(schema, s)));
        var byChannel = schema.Channels.Where(c => c.Max is not null).Select(c => Sometimes(1, 2, Burst(schema, c)));
        var some = Gen.CollectToArray(byStrategy.Concat(byChannel)).Select(all => all.SelectMany(c => c).ToArray());
        return Gen.Frequency((1, Gen.Constant(Array.Empty<ContactSnapshot>())), (4, some));
    }

    private static Gen<ContactSnapshot[]> Sometimes(int yes, int no, Gen<ContactSnapshot[]> contacts) =>
        Gen.Frequency((yes, contacts), (no, Gen.Constant(Array.Empty<ContactSnapshot>())));

    private static Gen<ContactSnapshot[]> StrategyContact(MapSchema schema, StrategySpec strategy)
    {
        var own = strategy.Channels.Select(id => schema.Channels.First(c => c.Id == id)).ToList();
        var channels = own.Count == 0 || own.Count == schema.Channels.Count
            ? Pick.From(schema.Channels)
            : Gen.Frequency((4, Pick.From(own)), (1, Pick.From(schema.Channels)));
        var times = schema.Channels.ToDictionary(c => c.Id, c => TimeEdges.Around(schema.At, Windows(c, strategy), schema.ShiftedWindows));
        // Mostly wave 1, so that cooldown edges keep their weight; now and then any wave, one past the last included.
        var wave = strategy.Waves > 1 ? Gen.Frequency((3, Gen.Constant(1)), (2, Gen.Choose(1, strategy.Waves + 1))) : Gen.Constant(1);
        return channels.SelectMany(c => times[c.Id].SelectMany(t => wave.Select(k =>
            (ContactSnapshot[])[new(c.Id, t, strategy.Id, strategy.Product, "sent", k)])));
    }

    private static Gen<ContactSnapshot[]> Burst(MapSchema schema, ChannelSpec channel)
    {
        var users = schema.Strategies.Where(s => s.Channels.Contains(channel.Id)).ToList();
        var strategy = users.Count == 0
            ? Gen.Constant<StrategySpec?>(null)
            : Gen.Frequency((1, Gen.Constant<StrategySpec?>(null)), (2, Pick.From(users).Select(s => (StrategySpec?)s)));
        var time = TimeEdges.Around(schema.At, Windows(channel, null), schema.ShiftedWindows);
        // A cap above LargestBurst is left unreached: a customer with that many contacts costs more to
        // build and decide than the edge is worth (a cap of int.MaxValue ran out of memory, and max + 1 overflowed).
        var max = Math.Min(channel.Max ?? 1, LargestBurst);
        var count = Gen.Frequency((1, Gen.Choose(1, Math.Max(1, max - 1))), (2, Gen.Constant(max)), (1, Gen.Constant(max + 1)));
        return from s in strategy
               from n in count
               from times in Gen.ArrayOf(time, n)
               select times.Select(t => new ContactSnapshot(channel.Id, t, s?.Id, s?.Product, "sent")).ToArray();
    }

    // Now and then one to three responses for a strategy (by its id, or by its product alone),
    // around its cooldown's, waves' and suppression windows' edges: stops, declines and pauses.
    private static Gen<ResponseSnapshot[]> Responses(MapSchema schema)
    {
        if (schema.Strategies.Count == 0)
        {
            return Gen.Constant(Array.Empty<ResponseSnapshot>());
        }

        // A burst: one to three responses of one kind for one strategy, enough to reach a rule's atLeast.
        var some = Pick.From(schema.Strategies).SelectMany(s =>
            from kind in Pick.From(Decisioning.Runtime.ResponseRecord.Kinds)
            from byId in Gen.Choose(0, 2)
            from n in Gen.Choose(1, 3)
            from times in Gen.ArrayOf(TimeEdges.Around(schema.At, [.. s.Windows ?? [], .. s.Cooldown is { } c ? [c] : Array.Empty<TimeSpan>()], schema.ShiftedWindows), n)
            select times.Select(at => new ResponseSnapshot(at, kind, byId == 0 ? null : s.Id, s.Product)).ToArray());
        return Gen.Frequency((3, Gen.Constant(Array.Empty<ResponseSnapshot>())), (2, some));
    }

    private static IEnumerable<TimeSpan> Windows(ChannelSpec channel, StrategySpec? strategy)
    {
        if (channel.Per is { } per)
        {
            yield return per;
        }

        if (strategy?.Cooldown is { } cooldown)
        {
            yield return cooldown;
        }
    }
}
