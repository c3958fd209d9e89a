using System.Text.Json;
using Decisioning.Serialization;

namespace Decisioning.Batch;

/// <summary>
/// <c>summary.json</c>: how many lines, customers and error records a batch read, and per strategy
/// and channel how many actions were allocated and how many dropped, by reason. A dropped action
/// is counted on the channel its decision chose first; an allocated one on the channel it got,
/// which <c>fallbacks</c> counts separately when it is not the first.
/// </summary>
public sealed class BatchSummary
{
    /// <summary>The summary's file name in a batch's output folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The reason a dropped action is counted under: its channels were full.</summary>
    public const string CapacityReason = "capacity";

    private readonly PartitionManifest run;

    private readonly Dictionary<(string Strategy, string Channel), long> _allocated = [];
    private readonly Dictionary<(string Strategy, string Channel), long> _dropped = [];
    private readonly Dictionary<string, long> _fallbacks = new(StringComparer.Ordinal);

    internal BatchSummary(PartitionManifest run) => this.run = run;

    /// <summary>Input lines read: <see cref="Customers"/> plus <see cref="Errors"/>.</summary>
    public long Lines => Customers + Errors;

    /// <summary>Customers decided.</summary>
    public long Customers { get; private set; }

    /// <summary>Lines that gave an error record instead of a decision (a bad snapshot).</summary>
    public long Errors { get; private set; }

    /// <summary>Actions placed on a channel (the first of their chain or a fallback).</summary>
    public long Allocated { get; private set; }

    /// <summary>Actions dropped because every channel of their chain was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Actions of <paramref name="strategy"/> placed on <paramref name="channel"/>.</summary>
    public long AllocatedTo(string strategy, string channel) => _allocated.GetValueOrDefault((strategy, channel));

    /// <summary>Actions of <paramref name="strategy"/> dropped whose first channel was <paramref name="channel"/>.</summary>
    public long DroppedFrom(string strategy, string channel) => _dropped.GetValueOrDefault((strategy, channel));

    /// <summary>The map's channels with their capacity per day (null: unlimited), in map order.</summary>
    internal IReadOnlyList<BatchChannel> Channels => run.Channels;

    /// <summary>Actions placed on <paramref name="channel"/>, of every strategy.</summary>
    public long AllocatedOn(string channel) => _allocated.Where(p => p.Key.Channel == channel).Sum(p => p.Value);

    /// <summary>Actions placed on <paramref name="channel"/> that was not the first of their chain.</summary>
    public long FallbacksTo(string channel) => _fallbacks.GetValueOrDefault(channel);

    /// <summary>Actions dropped whose first channel was <paramref name="channel"/>.</summary>
    public long DroppedOn(string channel) => _dropped.Where(p => p.Key.Channel == channel).Sum(p => p.Value);

    internal void CountCustomer(bool error)
    {
        if (error)
        {
            Errors++;
        }
        else
        {
            Customers++;
        }
    }

    internal void Count(Placement placement)
    {
        var c = placement.Candidate;
        if (placement.Dropped)
        {
            Dropped++;
            Add(_dropped, (c.Strategy, c.Chain[0].Channel));
            return;
        }

        Allocated++;
        Add(_allocated, (c.Strategy, placement.Offer.Channel));
        if (placement.ChainIndex > 0)
        {
            _fallbacks[placement.Offer.Channel] = _fallbacks.GetValueOrDefault(placement.Offer.Channel) + 1;
        }
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("map", run.Map);
        w.WriteString("version", run.Version);
        w.WriteString("at", DecisionJson.FormatInstant(run.At));
        w.WriteNumber("lines", Lines);
        w.WriteNumber("customers", Customers);
        w.WriteNumber("errors", Errors);
        w.WriteStartObject("actions");
        w.WriteNumber("returned", Allocated + Dropped);
        w.WriteNumber("allocated", Allocated);
        w.WriteNumber("dropped", Dropped);
        w.WriteEndObject();
        w.WriteStartArray("channels");
        foreach (var channel in run.Channels)
        {
            w.WriteStartObject();
            w.WriteString("channel", channel.Id);
            if (channel.Capacity is { } capacity)
            {
                w.WriteNumber("capacity", capacity);
            }
            else
            {
                w.WriteNull("capacity");
            }

            w.WriteNumber("allocated", AllocatedOn(channel.Id));
            w.WriteNumber("fallbacks", FallbacksTo(channel.Id));
            w.WriteNumber("dropped", DroppedOn(channel.Id));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("strategies");
        foreach (var strategy in run.Strategies)
        {
            foreach (var channel in strategy.Channels)
            {
                w.WriteStartObject();
                w.WriteString("strategy", strategy.Id);
                w.WriteString("channel", channel);
                w.WriteNumber("allocated", AllocatedTo(strategy.Id, channel));
                w.WriteStartObject("dropped");
                w.WriteNumber(CapacityReason, DroppedFrom(strategy.Id, channel));
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Add(Dictionary<(string, string), long> counts, (string, string) key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
