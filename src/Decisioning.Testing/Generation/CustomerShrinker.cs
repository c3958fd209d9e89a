using Decisioning.Snapshots;

namespace Decisioning.Testing.Generation;

/// <summary>
/// Smaller customers, each still valid for the map: fewer contacts, responses, events and holdings first (the
/// biggest steps), then plainer values: null for an optional field, 0 or a number nearer 0 (halving
/// the distance, so a threshold is found exactly), false, shorter strings, contacts without a
/// strategy, and a plain id. FsCheck keeps the first that still fails, so the search ends at a
/// customer where every remaining detail matters.
/// </summary>
internal static class CustomerShrinker
{
    public static IEnumerable<GeneratedCustomer> Shrink(GeneratedCustomer customer, MapSchema schema)
    {
        var contacts = customer.Contacts.ToArray();
        foreach (var fewer in Fewer(contacts))
        {
            yield return customer.With(contacts: fewer);
        }

        // Responses too (waves and suppression read them): a counterexample keeps only those it needs.
        var responses = customer.Responses.ToArray();
        foreach (var fewer in Fewer(responses))
        {
            yield return customer.With(responses: fewer);
        }

        var events = customer.Events.ToArray();
        foreach (var fewer in Fewer(events))
        {
            yield return customer.With(events: fewer);
        }

        foreach (var fewer in Fewer(customer.Holdings.ToArray()))
        {
            yield return customer.With(holdings: fewer);
        }

        var fields = customer.Fields.ToArray();
        for (var i = 0; i < fields.Length; i++)
        {
            var spec = schema.Fields.FirstOrDefault(f => f.Name == fields[i].Key);
            foreach (var value in Values(fields[i].Value, spec?.Optional ?? false))
            {
                var changed = (KeyValuePair<string, object?>[])fields.Clone();
                changed[i] = new(fields[i].Key, value);
                yield return customer.With(fields: changed);
            }
        }

        for (var i = 0; i < events.Length; i++)
        {
            foreach (var payload in Payloads(events[i].Payload))
            {
                var changed = (EventSnapshot[])events.Clone();
                changed[i] = events[i] with { Payload = payload };
                yield return customer.With(events: changed);
            }
        }

        for (var i = 0; i < contacts.Length; i++)
        {
            if (contacts[i].Strategy is not null)
            {
                var changed = (ContactSnapshot[])contacts.Clone();
                changed[i] = contacts[i] with { Strategy = null, Product = null };
                yield return customer.With(contacts: changed);
            }
        }

        if (customer.Id != CustomerGen.PlainId)
        {
            yield return customer.With(id: CustomerGen.PlainId);
        }
    }

    // All items gone, then each one left out.
    private static IEnumerable<T[]> Fewer<T>(T[] items)
    {
        if (items.Length > 1)
        {
            yield return [];
        }

        for (var i = 0; i < items.Length; i++)
        {
            yield return [.. items[..i], .. items[(i + 1)..]];
        }
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Payloads(IReadOnlyDictionary<string, object?>? payload)
    {
        foreach (var (name, value) in payload ?? new Dictionary<string, object?>())
        {
            foreach (var smaller in Values(value, optional: false))
            {
                yield return new Dictionary<string, object?>(payload!, StringComparer.Ordinal) { [name] = smaller };
            }
        }
    }

    /// <summary>Plainer values of the same kind; never null for a required field.</summary>
    internal static IEnumerable<object?> Values(object? value, bool optional)
    {
        if (value is not null && optional)
        {
            yield return null;
        }

        switch (value)
        {
            case int i:
                foreach (var n in Toward0(i))
                {
                    yield return (int)n;
                }

                break;
            case decimal d:
                if (d != Math.Truncate(d))
                {
                    yield return Math.Truncate(d);
                }

                // A decimal beyond long's range (up to 7.9e28) goes toward 0 through long's: every one is plainer.
                foreach (var n in Toward0((long)Math.Clamp(Math.Truncate(d), long.MinValue, long.MaxValue)))
                {
                    yield return (decimal)n;
                }

                break;
            case true:
                yield return false;
                break;
            case string { Length: > 0 } s:
                yield return "";
                if (s.Length > 2)
                {
                    yield return s[..(s.Length / 2)];
                }

                if (s.Length > 1)
                {
                    yield return s[..^1];
                }

                break;
        }
    }

    // 0, then values ever nearer n: a threshold between 0 and n is found by halving.
    private static IEnumerable<long> Toward0(long n)
    {
        if (n == 0)
        {
            yield break;
        }

        yield return 0;
        for (var distance = n / 2; distance != 0; distance /= 2)
        {
            yield return n - distance;
        }
    }
}
